package pack

import (
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"maps"
	"slices"
	"sort"
)

// A compiled pack is a validated pack encoded for a fast start: decoding it takes a few milliseconds where
// parsing the YAML takes tens. The embedded pack ships compiled (`go generate ./content/`), and a test keeps
// the compiled form equal to the YAML. It is laid out as a header, checksums of the source files it was
// compiled from (see Hash), and one section per part, so a command decodes only the parts it needs:
//
//	"dvaprep-pack\x00" version(1 byte) checksums(4 × 8 bytes: top files, notes/, questions/, scenarios/)
//	then, for blueprint, notes, questions, scenarios:
//	length(uint32, big endian) gob; then the search index: length(uint32, big endian) bytes (Pack.CompiledIndex,
//	which the notes package encodes and reads; length 0 for none); then the pre-rendered notes: length(uint32,
//	big endian) bytes (Pack.CompiledRenders, which ui/markdown encodes and reads; length 0 for none)
//
// The checksums let LoadCompiled notice a compiled form that is older than the YAML beside it and refuse it,
// so an author who edits the YAML without compiling still sees the edit. It checks only the files of the
// parts it decodes: `search` and `notes show` read the notes' files, not the questions' and scenarios'.

var compiledMagic = []byte("dvaprep-pack\x00")

// compiledVersion changes whenever the layout or the types encoded change.
const compiledVersion = 5

// ErrStale means the compiled pack was not built from the files beside it.
var ErrStale = errors.New("the compiled pack is older than its YAML: run `go generate ./content/`")

// Compile encodes a pack that loaded without problems, with the hash of the files it was loaded from
// (SourceHash), p.CompiledIndex, which must be the search index of p's notes (or nil), and p.CompiledRenders,
// which must be renders of p's notes (or nil).
func Compile(p *Pack, hash Hash) ([]byte, error) {
	var out bytes.Buffer
	out.Write(compiledMagic)
	out.WriteByte(compiledVersion)
	for _, g := range hash {
		out.Write(g[:])
	}
	// The first section is the pack without its notes, questions and scenarios: whatever else it holds,
	// now or later, is encoded with it.
	head := *p
	head.Notes, head.Questions, head.Scenarios, head.CompiledIndex, head.CompiledRenders = nil, nil, nil, nil, nil
	parts := []any{&head, p.Notes, p.Questions, wireScenarios(p.Scenarios)}
	for _, part := range parts {
		var b bytes.Buffer
		if err := gob.NewEncoder(&b).Encode(part); err != nil {
			return nil, fmt.Errorf("compile pack: %w", err)
		}
		out.Write(binary.BigEndian.AppendUint32(nil, uint32(b.Len())))
		out.Write(b.Bytes())
	}
	out.Write(binary.BigEndian.AppendUint32(nil, uint32(len(p.CompiledIndex))))
	out.Write(p.CompiledIndex)
	out.Write(binary.BigEndian.AppendUint32(nil, uint32(len(p.CompiledRenders))))
	out.Write(p.CompiledRenders)
	return out.Bytes(), nil
}

// LoadCompiled decodes the given parts of a compiled pack, after checking that it was compiled from the
// files in fsys. It returns ErrStale when it was not; the caller then loads the YAML with LoadParts. data must
// not change afterwards: Pack.CompiledIndex is a part of it.
func LoadCompiled(data []byte, fsys fs.FS, parts Parts) (*Pack, error) {
	// The files each part was compiled from: questions and scenarios link to notes, and the index is of the
	// notes (with the glossary, among the top files, which every part depends on).
	groups := 1 << groupTop
	if parts&(Notes|Questions|Scenarios|SearchIndex) != 0 {
		groups |= 1 << groupNotes
	}
	if parts&Questions != 0 {
		groups |= 1 << groupQuestions
	}
	if parts&Scenarios != 0 {
		groups |= 1 << groupScenarios
	}
	hash, err := sourceHash(fsys, groups)
	if err != nil {
		return nil, err
	}
	return decodeCompiled(data, hash, groups, parts)
}

// decodeCompiled decodes parts of a compiled pack whose checksums of the given groups of files match hash.
func decodeCompiled(data []byte, hash Hash, groups int, parts Parts) (*Pack, error) {
	head := len(compiledMagic) + 1 + len(hash)*len(hash[0])
	if len(data) < head || !bytes.Equal(data[:len(compiledMagic)], compiledMagic) || data[len(compiledMagic)] != compiledVersion {
		return nil, ErrStale
	}
	for g := range hash {
		at := len(compiledMagic) + 1 + g*len(hash[g])
		if groups&(1<<g) != 0 && !bytes.Equal(data[at:at+len(hash[g])], hash[g][:]) {
			return nil, ErrStale
		}
	}
	if parts&(Questions|Scenarios) != 0 {
		parts |= Notes
	}
	// The six parts: blueprint, notes, questions, scenarios, search index, pre-rendered notes.
	var body [6][]byte
	rest := data[head:]
	for i := range body {
		if len(rest) < 4 {
			return nil, errors.New("compiled pack: truncated")
		}
		n := binary.BigEndian.Uint32(rest)
		if uint64(len(rest)-4) < uint64(n) {
			return nil, errors.New("compiled pack: truncated")
		}
		body[i] = rest[4 : 4+n : 4+n]
		rest = rest[4+n:]
	}
	if len(rest) > 0 {
		return nil, errors.New("compiled pack: data after the last part")
	}
	var index []byte
	if parts&SearchIndex != 0 {
		if len(body[4]) > 0 {
			index = body[4]
		} else {
			parts |= Notes // compiled without an index: search builds one from the notes
		}
	}
	p := &Pack{}
	var notes []*Note
	var questions []*Question
	var scenarios []scenarioWire
	for i, s := range []struct {
		into any
		want bool
	}{{p, true}, {&notes, parts&Notes != 0}, {&questions, parts&Questions != 0}, {&scenarios, parts&Scenarios != 0}} {
		if !s.want {
			continue
		}
		if err := gob.NewDecoder(bytes.NewReader(body[i])).Decode(s.into); err != nil {
			return nil, fmt.Errorf("compiled pack: %w", err)
		}
	}
	p.Notes, p.Questions, p.Scenarios, p.CompiledIndex = notes, questions, unwireScenarios(scenarios), index
	if parts&Notes != 0 && len(body[5]) > 0 {
		p.CompiledRenders = body[5]
	}
	var probs Problems // a pack is compiled only without problems, so none are found here
	p.index(&probs)
	p.indexNotes(&probs)
	p.indexItems(&probs)
	if len(probs) > 0 {
		return nil, fmt.Errorf("compiled pack: %v", probs[0])
	}
	return p, nil
}

// Hash holds the checksums of the files a compiled pack was compiled from, one per group of files, so a
// command checks only the files of the parts it loads: everything outside the three directories below
// (pack.yaml, glossary.yaml, …), notes/, questions/ and scenarios/.
type Hash [4][8]byte

// The groups of files of a Hash.
const (
	groupTop = iota
	groupNotes
	groupQuestions
	groupScenarios
)

var groupDirs = [4]string{".", "notes", "questions", "scenarios"}

// SourceHash is the checksum of every file in fsys (see Hash).
func SourceHash(fsys fs.FS) (Hash, error) { return sourceHash(fsys, 0b1111) }

// sourceHash computes the checksums of the groups in the bit set groups; the others stay zero. Each is
// of its files' names, sizes and contents, in a fixed order: two CRC-32s (IEEE and Castagnoli), which the
// processor computes at gigabytes a second, so checking the files `search` needs costs a fraction of a
// millisecond. It guards against a compiled pack left behind by an edit, not against tampering: the
// compiled pack is built into the binary beside the files it is checked against.
func sourceHash(fsys fs.FS, groups int) (Hash, error) {
	var h Hash
	buf := make([]byte, 64<<10)
	for g, dir := range groupDirs {
		if groups&(1<<g) == 0 {
			continue
		}
		var names []string
		err := fs.WalkDir(fsys, dir, func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				if name == dir && errors.Is(err, fs.ErrNotExist) {
					return fs.SkipDir
				}
				return err
			}
			if g == groupTop && d.IsDir() && name != "." && slices.Contains(groupDirs[1:], name) {
				return fs.SkipDir
			}
			if d.Type().IsRegular() {
				names = append(names, name)
			}
			return nil
		})
		if err != nil {
			return Hash{}, err
		}
		sort.Strings(names)
		ieee, castagnoli := crc32.NewIEEE(), crc32.New(crc32.MakeTable(crc32.Castagnoli))
		w := io.MultiWriter(ieee, castagnoli)
		for _, name := range names {
			f, err := fsys.Open(name)
			if err != nil {
				return Hash{}, err
			}
			info, err := f.Stat()
			if err != nil {
				f.Close()
				return Hash{}, err
			}
			fmt.Fprintf(w, "%s\x00%d\x00", name, info.Size())
			_, err = io.CopyBuffer(w, f, buf)
			f.Close()
			if err != nil {
				return Hash{}, err
			}
		}
		binary.BigEndian.PutUint32(h[g][:4], ieee.Sum32())
		binary.BigEndian.PutUint32(h[g][4:], castagnoli.Sum32())
	}
	return h, nil
}

// scenarioWire is how a scenario is compiled: its nodes as a list in ID order, not a map, because gob writes
// a map in Go's random iteration order and the compiled pack then differed from one `go generate` to the
// next for the same content.
type scenarioWire struct {
	Scenario *Scenario // without its Nodes
	Nodes    []nodeWire
}

type nodeWire struct {
	Key  string
	Node *Node
}

func wireScenarios(ss []*Scenario) []scenarioWire {
	out := make([]scenarioWire, 0, len(ss))
	for _, s := range ss {
		bare := *s
		bare.Nodes = nil
		w := scenarioWire{Scenario: &bare}
		for _, k := range slices.Sorted(maps.Keys(s.Nodes)) {
			w.Nodes = append(w.Nodes, nodeWire{k, s.Nodes[k]})
		}
		out = append(out, w)
	}
	return out
}

func unwireScenarios(ws []scenarioWire) []*Scenario {
	if ws == nil {
		return nil
	}
	out := make([]*Scenario, 0, len(ws))
	for _, w := range ws {
		s := w.Scenario
		if s == nil {
			s = &Scenario{}
		}
		s.Nodes = make(map[string]*Node, len(w.Nodes))
		for _, n := range w.Nodes {
			s.Nodes[n.Key] = n.Node
		}
		out = append(out, s)
	}
	return out
}
