package pack

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sync/atomic"
	"syscall"
)

// A pack is untrusted input, so reading it is bounded: no file may be larger than MaxFileBytes, the files
// together no larger than MaxPackBytes, and a folder may hold no more than MaxFiles files. The embedded pack
// uses a small fraction of each (its largest file is under 50 KB, the whole pack about 1.3 MB).
const (
	MaxFileBytes = 2 << 20
	MaxPackBytes = 16 << 20
	MaxFiles     = 2000
)

// errSpecial refuses a FIFO, device, socket or anything else that is not a plain file: reading one can
// block forever or never end.
var errSpecial = errors.New("not a regular file (a FIFO, device or socket): refused")

// errEscapes refuses a symbolic link that points outside the pack.
var errEscapes = errors.New("a symbolic link that leaves the pack: refused")

// limitError is a file or pack over its limit.
type limitError struct{ size, limit int64 }

func (e limitError) Error() string {
	return fmt.Sprintf("too large (%s, limit %s)", megabytes(e.size), megabytes(e.limit))
}

func tooLarge(size, limit int64) error { return limitError{size, limit} }

func megabytes(n int64) string {
	mb := float64(n) / (1 << 20)
	if mb < 10 && n%(1<<20) != 0 {
		return fmt.Sprintf("%.1f MB", mb)
	}
	return fmt.Sprintf("%.0f MB", mb)
}

// reader reads the files of one pack within its limits. It is safe for concurrent use.
type reader struct {
	fsys  fs.FS
	total atomic.Int64 // bytes read so far
}

// read returns the contents of one pack file, refusing special files and anything over the limits
// without reading more than one byte past them.
func (r *reader) read(name string) ([]byte, error) {
	info, err := fs.Stat(r.fsys, name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, errSpecial
	}
	if info.Size() > MaxFileBytes {
		return nil, tooLarge(info.Size(), MaxFileBytes)
	}
	f, err := r.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// The file may have been swapped between Stat and Open: check what was opened.
	if info, err = f.Stat(); err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, errSpecial
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileBytes {
		return nil, tooLarge(max(info.Size(), int64(len(data))), MaxFileBytes)
	}
	if total := r.total.Add(int64(len(data))); total > MaxPackBytes {
		return nil, fmt.Errorf("the pack is %w", tooLarge(total, MaxPackBytes))
	}
	return data, nil
}

// DirFS opens the pack in dir for reading. Unlike os.DirFS it never follows a symbolic link out of dir,
// and it opens nothing that is not a plain file or a directory, so a FIFO cannot block the loader.
func DirFS(dir string) (fs.FS, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return dirFS{root}, nil
}

type dirFS struct{ root *os.Root }

func (d dirFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	info, err := d.Stat(name)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() && !info.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errSpecial}
	}
	// O_NONBLOCK: should the file have become a FIFO since Stat, opening it still returns at once, and the
	// caller's check of the opened file refuses it.
	f, err := d.root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	return f, nil
}

func (d dirFS) Stat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	info, err := d.root.Stat(name)
	if err != nil {
		if l, lerr := d.root.Lstat(name); lerr == nil && l.Mode()&fs.ModeSymlink != 0 && !errors.Is(err, fs.ErrNotExist) {
			return nil, &fs.PathError{Op: "stat", Path: name, Err: errEscapes}
		}
		return nil, err
	}
	return info, nil
}

func (d dirFS) ReadDir(name string) ([]fs.DirEntry, error) {
	return fs.ReadDir(d.root.FS(), name)
}

// readError words a read failure for a problem line, without repeating the file name the problem starts with.
func readError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "cannot read: it does not exist (a broken symbolic link?)"
	case errors.Is(err, errSpecial), errors.Is(err, errEscapes), errors.As(err, new(limitError)):
		return err.Error()
	}
	if err.Error() == "path escapes from parent" {
		return errEscapes.Error()
	}
	return "cannot read: " + err.Error()
}
