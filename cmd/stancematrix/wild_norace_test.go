//go:build !race

package main

// raceFactor raises the bounds of TestWild under the race detector.
const raceFactor = 1
