package html_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/exporttest"
	shtml "github.com/stancematrix/stancematrix/export/html"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
)

// mapLabelsCheck lists, as the browser draws the party map, labels that
// overlap each other or a party's mark, or run out of the plot's frame: the
// layout places them with estimated text widths, and this checks the
// estimate against the fonts the browser really uses.
const mapLabelsCheck = `(function(){
var svg=document.querySelector("svg.map");if(!svg){return "no party map"}
var fr=svg.querySelector("rect.frame").getBBox(),out=[];
var ls=Array.prototype.map.call(svg.querySelectorAll(":scope > text:not(.axt)"),function(t){return {t:t.textContent,b:t.getBBox()}});
var ms=Array.prototype.map.call(svg.querySelectorAll(":scope > circle, :scope > rect:not(.frame):not(.paper), :scope > polygon, :scope > path"),function(m){return m.getBBox()});
function over(a,b,e){return a.x+e<b.x+b.width&&b.x+e<a.x+a.width&&a.y+e<b.y+b.height&&b.y+e<a.y+a.height}
ls.forEach(function(l,i){var b=l.b;
if(b.x<fr.x||b.y<fr.y||b.x+b.width>fr.x+fr.width||b.y+b.height>fr.y+fr.height){out.push(JSON.stringify(l.t)+" runs out of the frame")}
for(var j=i+1;j<ls.length;j++){if(over(b,ls[j].b,0.5)){out.push(JSON.stringify(l.t)+" overlaps "+JSON.stringify(ls[j].t))}}
ms.forEach(function(m){if(over(b,m,0.5)){out.push(JSON.stringify(l.t)+" covers a mark")}});
});
if(ls.length===0){out.push("no labels")}
return out.slice(0,12).join("; ")+(out.length>12?" … ("+out.length+" in all)":"")})()`

// TestBrowserMapLabels draws the party map of generated matrices of 3 to
// 200 parties, with Cyrillic and Greek in a third of the names, and checks
// that no label overlaps another or a mark, or leaves the frame.
func TestBrowserMapLabels(t *testing.T) {
	exporttest.NeedChromium(t)
	for _, n := range []int{3, 30, 120, 200} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			m := matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: n, Issues: 40, Scripts: true, Seed: uint64(n)})
			pg := exporttest.Bytes(t, shtml.Write, m, export.Options{})
			tb := open(t, pg)
			if out := eval[string](t, tb, mapLabelsCheck); out != "" {
				t.Errorf("%d parties: %s", n, out)
			}
			// In a wider font than the layout measured with, as on a
			// Linux desktop with DejaVu only, the labels still fit.
			// (The page's Content-Security-Policy refuses an added style,
			// so the test's tab bypasses it.)
			if _, err := chromedp.Call(tb.ctx, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: true}); err != nil {
				t.Fatal(err)
			}
			tb.do(t, chromedp.Reload(), chromedp.WaitReady("footer"))
			eval[bool](t, tb, `(function(){var s=document.createElement("style");s.textContent='svg text{font-family:"DejaVu Sans",Verdana,sans-serif!important}';document.head.appendChild(s);return true})()`)
			if font := eval[string](t, tb, `getComputedStyle(document.querySelector("svg.map text")).fontFamily`); !strings.Contains(font, "DejaVu") {
				t.Fatalf("the font was not changed: %s", font)
			}
			if out := eval[string](t, tb, mapLabelsCheck); out != "" {
				t.Errorf("%d parties, in DejaVu Sans: %s", n, out)
			}
		})
	}
}
