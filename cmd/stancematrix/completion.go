package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/stancematrix/stancematrix/export/pdf"
)

// completionShells are the shells `completion` writes a script for.
var completionShells = []string{"bash", "zsh", "fish", "pwsh"}

// configureCompletion adapts the CLI library's `completion` command: listed
// in the help, an unknown or missing shell is a usage error that names the
// supported ones, and bash gets our script, which needs no bash-completion
// package.
func configureCompletion(c *cli.Command) {
	c.Hidden = false // list `completion` in the help
	c.Usage = "print a shell completion script: bash, zsh, fish or pwsh"
	c.ArgsUsage = strings.Join(completionShells, "|")
	c.OnUsageError = onUsageError
	c.Action = func(_ context.Context, cmd *cli.Command) error {
		want := strings.Join(completionShells, ", ")
		if cmd.Args().Len() == 0 {
			return usageError("completion: name a shell: %s", want)
		}
		return usageError("completion: unknown shell %q (want %s)", cmd.Args().First(), want)
	}
	for _, sub := range c.Commands {
		if sub.Name == "bash" {
			sub.Action = func(_ context.Context, cmd *cli.Command) error {
				_, err := fmt.Fprintf(cmd.Root().Writer, bashCompletion, cmd.Root().Name)
				return err
			}
		}
	}
}

// bashCompletion is the bash completion script, for the program name. It
// needs plain bash only (3.2 or later; no bash-completion package): it asks
// the program for the words that may follow those before the cursor, as the
// library's zsh and fish scripts do, and keeps the token of each
// "token:description" line.
const bashCompletion = `# bash completion for %[1]s: source <(%[1]s completion bash)
# Needs plain bash only; the bash-completion package is not required.
__%[1]s_complete() {
  local cur="${COMP_WORDS[COMP_CWORD]}"
  local -a before=("${COMP_WORDS[@]:0:COMP_CWORD}")
  local out line
  local -a tokens=()
  if [[ "$cur" == -* ]]; then
    out=$("${before[@]}" "$cur" --generate-shell-completion 2>/dev/null)
  else
    out=$("${before[@]}" --generate-shell-completion 2>/dev/null)
  fi
  while IFS= read -r line; do
    line="${line%%%%:*}"
    [[ -n "$line" ]] && tokens+=("$line")
  done <<< "$out"
  COMPREPLY=()
  local IFS=$'\n'
  [[ ${#tokens[@]} -gt 0 ]] && COMPREPLY=($(compgen -W "${tokens[*]}" -- "$cur"))
  return 0
}
complete -o bashdefault -o default -F __%[1]s_complete %[1]s
`

// completeWithValues completes the value of a flag after that flag: one of
// its fixed values (--format, --paper, --color, …), or nothing for a flag
// that takes a file or free text, so that the shell completes file names.
// Otherwise it completes as the library does: flags after "-", else
// subcommands.
func completeWithValues(ctx context.Context, cmd *cli.Command) {
	args := cmd.Args().Slice()
	if len(args) > 0 {
		if vals, ok := flagValues(cmd, args[len(args)-1]); ok {
			for _, v := range vals {
				fmt.Fprintln(cmd.Root().Writer, v)
			}
			return
		}
	}
	cli.DefaultCompleteWithFlags(ctx, cmd)
}

// flagValues reports whether arg is a flag of cmd that takes a value, and
// returns the values it takes when they are a fixed set: the formats and
// sections of export, or the choices its usage names as `a|b|c`.
func flagValues(cmd *cli.Command, arg string) ([]string, bool) {
	if !strings.HasPrefix(arg, "-") || strings.Contains(arg, "=") {
		return nil, false
	}
	name := strings.TrimLeft(arg, "-")
	for _, f := range cmd.Flags {
		if !hasName(f, name) {
			continue
		}
		if bf, ok := f.(interface{ TakesValue() bool }); ok && !bf.TakesValue() {
			return nil, false
		}
		switch f.Names()[0] {
		case "format":
			if cmd.Name == "export" || cmd.Name == "watch" {
				return formatNames(), true
			}
		case "sections":
			return pdf.Sections(), true
		}
		df, ok := f.(cli.DocGenerationFlag)
		if !ok {
			return nil, true
		}
		u := df.GetUsage()
		i := strings.Index(u, "`")
		j := strings.LastIndex(u, "`")
		if i < 0 || j <= i || !strings.Contains(u[i+1:j], "|") {
			return nil, true
		}
		return strings.Split(u[i+1:j], "|"), true
	}
	return nil, false
}

func hasName(f cli.Flag, name string) bool {
	for _, n := range f.Names() {
		if n == name {
			return true
		}
	}
	return false
}

// setCompletion sets completeWithValues on cmd and its subcommands.
func setCompletion(cmd *cli.Command) {
	for _, c := range cmd.Commands {
		if c.ShellComplete == nil {
			c.ShellComplete = completeWithValues
		}
		setCompletion(c)
	}
}
