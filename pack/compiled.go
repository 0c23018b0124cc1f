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
	"sort"
)

// A compiled pack is a validated pack encoded for a fast start: decoding it takes a few milliseconds where
// parsing the YAML takes tens. The embedded pack ships compiled (`go generate ./content/`), and a test keeps
// the compiled form equal to the YAML. It is laid out as a header, a checksum of the source files it was
// compiled from, and one gob section per part, so a command decodes only the parts it needs:
//
//	"dvaprep-pack\x00" version(1 byte) checksum(8 bytes) then, for blueprint, notes, questions, scenarios:
//	length(uint32, big endian) gob; then the search index: length(uint32, big endian) bytes (Pack.CompiledIndex,
//	which the notes package encodes and reads; length 0 for none)
//
// The hash lets LoadCompiled notice a compiled form that is older than the YAML beside it and refuse it, so
// an author who edits the YAML without compiling still sees the edit.

var compiledMagic = []byte("dvaprep-pack\x00")

// compiledVersion changes whenever the layout or the types encoded change.
const compiledVersion = 2

// ErrStale means the compiled pack was not built from the files beside it.
var ErrStale = errors.New("the compiled pack is older than its YAML: run `go generate ./content/`")

// Compile encodes a pack that loaded without problems, with the hash of the files it was loaded from
// (SourceHash) and p.CompiledIndex, which must be the search index of p's notes (or nil).
func Compile(p *Pack, hash [8]byte) ([]byte, error) {
	var out bytes.Buffer
	out.Write(compiledMagic)
	out.WriteByte(compiledVersion)
	out.Write(hash[:])
	// The first section is the pack without its notes, questions and scenarios: whatever else it holds,
	// now or later, is encoded with it.
	head := *p
	head.Notes, head.Questions, head.Scenarios, head.CompiledIndex = nil, nil, nil, nil
	parts := []any{&head, p.Notes, p.Questions, p.Scenarios}
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
	return out.Bytes(), nil
}

// LoadCompiled decodes the given parts of a compiled pack, after checking that it was compiled from the
// files in fsys. It returns ErrStale when it was not; the caller then loads the YAML with LoadParts. data must
// not change afterwards: Pack.CompiledIndex is a part of it.
func LoadCompiled(data []byte, fsys fs.FS, parts Parts) (*Pack, error) {
	hash, err := SourceHash(fsys)
	if err != nil {
		return nil, err
	}
	return decodeCompiled(data, hash, parts)
}

func decodeCompiled(data []byte, hash [8]byte, parts Parts) (*Pack, error) {
	head := len(compiledMagic) + 1 + len(hash)
	if len(data) < head || !bytes.Equal(data[:len(compiledMagic)], compiledMagic) || data[len(compiledMagic)] != compiledVersion {
		return nil, ErrStale
	}
	if !bytes.Equal(data[len(compiledMagic)+1:head], hash[:]) {
		return nil, ErrStale
	}
	if parts&(Questions|Scenarios) != 0 {
		parts |= Notes
	}
	// The five parts: blueprint, notes, questions, scenarios, search index.
	var body [5][]byte
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
	var scenarios []*Scenario
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
	p.Notes, p.Questions, p.Scenarios, p.CompiledIndex = notes, questions, scenarios, index
	var probs Problems // a pack is compiled only without problems, so none are found here
	p.index(&probs)
	p.indexNotes(&probs)
	p.indexItems(&probs)
	if len(probs) > 0 {
		return nil, fmt.Errorf("compiled pack: %v", probs[0])
	}
	return p, nil
}

// SourceHash is a checksum of every file in fsys, names, sizes and contents, in a fixed order: two CRC-32s
// (IEEE and Castagnoli), which the processor computes at gigabytes a second, so checking the embedded pack
// costs a fraction of a millisecond. It guards against a compiled pack left behind by an edit, not against
// tampering: the compiled pack is built into the binary beside the files it is checked against.
func SourceHash(fsys fs.FS) ([8]byte, error) {
	var names []string
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			names = append(names, name)
		}
		return nil
	})
	if err != nil {
		return [8]byte{}, err
	}
	sort.Strings(names)
	ieee, castagnoli := crc32.NewIEEE(), crc32.New(crc32.MakeTable(crc32.Castagnoli))
	h := io.MultiWriter(ieee, castagnoli)
	buf := make([]byte, 64<<10)
	for _, name := range names {
		f, err := fsys.Open(name)
		if err != nil {
			return [8]byte{}, err
		}
		info, err := f.Stat()
		if err != nil {
			f.Close()
			return [8]byte{}, err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", name, info.Size())
		_, err = io.CopyBuffer(h, f, buf)
		f.Close()
		if err != nil {
			return [8]byte{}, err
		}
	}
	var sum [8]byte
	binary.BigEndian.PutUint32(sum[:4], ieee.Sum32())
	binary.BigEndian.PutUint32(sum[4:], castagnoli.Sum32())
	return sum, nil
}
