// Package content embeds the default DVA-C02 content pack, so the binary works offline with nothing beside it.
package content

import (
	"embed"
	"io/fs"
)

//go:embed all:dva-c02
var files embed.FS

// FS returns the embedded pack with pack.yaml at its root.
func FS() fs.FS {
	sub, _ := fs.Sub(files, "dva-c02") // fails only for an invalid path, and this one is a constant
	return sub
}
