// Package content embeds the default DVA-C02 content pack, so the binary works offline with nothing beside it.
package content

import (
	"embed"
	"io/fs"
)

//go:generate go run ./compile

//go:embed all:dva-c02
var files embed.FS

// compiled is the pack in dva-c02/ compiled by `go generate` (see pack.Compile).
//
//go:embed dva-c02.pack
var compiled []byte

// Compiled returns the compiled form of the embedded pack, for pack.LoadCompiled. It may be older than the
// YAML (until `go generate ./content/` runs again), which LoadCompiled detects.
func Compiled() []byte { return compiled }

// FS returns the embedded pack with pack.yaml at its root.
func FS() fs.FS {
	sub, _ := fs.Sub(files, "dva-c02") // fails only for an invalid path, and this one is a constant
	return sub
}
