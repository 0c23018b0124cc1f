package main

import (
	"runtime/debug"
	"strings"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3". Left empty, it comes from the build info.
var version = ""

// buildVersion says which dvaprep this is: the ldflags version, else the module version (go install
// dvaprep@v1.2.3), else the VCS revision and commit time stamped by `go build` in a checkout, marked
// "-dirty" when the tree had uncommitted changes.
func buildVersion(info *debug.BuildInfo, ok bool) string {
	if version != "" {
		return version
	}
	if !ok || info == nil {
		return "unknown (no build information)"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, when string
	dirty := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "devel (built without version control information)"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	out := "devel " + rev
	if dirty {
		out += "-dirty"
	}
	if when != "" {
		out += " (" + strings.TrimSuffix(when, "Z") + " UTC)"
	}
	return out
}
