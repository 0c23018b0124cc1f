package pack

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// Parts names what a command needs from a pack beyond pack.yaml, which is always read: `notes show` and
// `search` need only the notes, so they skip parsing the questions and scenarios, most of a pack's YAML.
type Parts uint8

// The parts of a pack. Questions and scenarios link to notes, so asking for either loads the notes too.
// SearchIndex is what search needs: a compiled pack's search index (Pack.CompiledIndex), which holds
// everything a search shows, so `search` decodes no note; a pack read from YAML has none, and loads its
// notes for it instead.
const (
	Notes Parts = 1 << iota
	Questions
	Scenarios
	SearchIndex
	All = Notes | Questions | Scenarios
)

// Load reads and validates a whole pack from fsys, whose root holds pack.yaml. It returns the pack and every
// problem found; a pack with problems is incomplete and must not be used. err is set only when the pack
// cannot be read at all. For a pack on disk, pass DirFS(dir), which keeps symbolic links inside the pack.
func Load(fsys fs.FS) (*Pack, Problems, error) { return LoadParts(fsys, All) }

// LoadParts is Load for only the given parts: the others stay empty and are not validated.
func LoadParts(fsys fs.FS, parts Parts) (*Pack, Problems, error) {
	if parts&(Questions|Scenarios|SearchIndex) != 0 {
		parts |= Notes
	}
	// Parsing allocates many short-lived YAML nodes. A higher GC target while loading cuts the collector's
	// share of the load by half or more; the setting is restored on return.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	r := &reader{fsys: fsys}
	data, err := r.read("pack.yaml")
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, fmt.Errorf("no pack.yaml: a pack directory holds pack.yaml, notes/, scenarios/ and questions/ (try `dvaprep pack export DIR` for an example)")
		}
		return nil, nil, fmt.Errorf("pack.yaml: %s", readError(err))
	}
	var probs Problems
	var nfiles, qfiles, sfiles []string
	var size int64
	if parts&Notes != 0 {
		nfiles = files(fsys, "notes", ".md", &size, &probs)
	}
	if parts&Questions != 0 {
		qfiles = files(fsys, "questions", ".yaml", &size, &probs)
	}
	if parts&Scenarios != 0 {
		sfiles = files(fsys, "scenarios", ".yaml", &size, &probs)
	}
	if size+int64(len(data)) > MaxPackBytes {
		return nil, nil, fmt.Errorf("the pack is %w: split it or remove files", tooLarge(size+int64(len(data)), MaxPackBytes))
	}
	p := &Pack{}
	loadBlueprint(p, data, &probs)
	p.index(&probs)

	for _, f := range nfiles {
		if n := loadNote(p, r, f, &probs); n != nil {
			p.Notes = append(p.Notes, n)
		}
	}
	p.indexNotes(&probs)
	p.checkNoteBodyLinks(&probs)
	loadGlossary(p, r, &probs) // small, and part of every load, as the compiled pack keeps it with the blueprint
	parsed := parseAll(r, append(append([]string{}, qfiles...), sfiles...))
	for _, f := range qfiles {
		probs = append(probs, parsed[f].probs...)
		p.Questions = append(p.Questions, loadQuestions(p, f, parsed[f].root, &probs)...)
	}
	for _, f := range sfiles {
		probs = append(probs, parsed[f].probs...)
		if s := loadScenario(p, f, parsed[f].root, &probs); s != nil {
			p.Scenarios = append(p.Scenarios, s)
		}
	}
	p.indexItems(&probs)
	p.sort()
	return p, probs.sorted(), nil
}

type parsedFile struct {
	root  *yaml.Node
	probs Problems
}

// parseAll reads and parses YAML files on every core: parsing is most of the cost of loading a pack.
func parseAll(r *reader, names []string) map[string]parsedFile {
	out := make([]parsedFile, len(names))
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(runtime.GOMAXPROCS(0), 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				data, err := r.read(names[i])
				if err != nil {
					out[i].probs.add(names[i], 0, "%s", readError(err))
					continue
				}
				out[i].root = parseYAML(names[i], data, &out[i].probs)
			}
		}()
	}
	for i := range names {
		next <- i
	}
	close(next)
	wg.Wait()
	m := make(map[string]parsedFile, len(names))
	for i, n := range names {
		m[n] = out[i]
	}
	return m
}

// files lists the files of one pack folder with the given extension, sorted, and adds their sizes to size.
// A missing folder is empty. A file whose name holds control or invisible characters is reported and
// skipped, so no later message can carry it to the terminal.
func files(fsys fs.FS, dir, ext string, size *int64, probs *Problems) []string {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			probs.add(dir, 0, "cannot list folder: %s", readError(err))
		}
		return nil
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") {
			continue
		}
		if !strings.HasSuffix(name, ext) && !(ext == ".yaml" && strings.HasSuffix(name, ".yml")) {
			continue
		}
		if SafeName(name) != name {
			probs.add(path.Join(dir, name), 0, "the file name holds control or invisible characters: rename it")
			continue
		}
		if len(out) == MaxFiles {
			probs.add(dir, 0, "more than %d files: split the pack", MaxFiles)
			break
		}
		// Files over their own limit are refused one by one, and do not count towards the pack's.
		if info, err := e.Info(); err == nil && info.Mode().IsRegular() && info.Size() <= MaxFileBytes {
			*size += info.Size()
		}
		out = append(out, path.Join(dir, name))
	}
	sort.Strings(out)
	return out
}

func loadBlueprint(p *Pack, data []byte, probs *Problems) {
	const file = "pack.yaml"
	root := parseYAML(file, data, probs)
	if root == nil {
		return
	}
	f := newField(file, root, 0, probs, "pack.yaml")
	f.allow("id", "title", "exam", "domains")
	p.ID = f.str("id", true)
	p.Title = f.str("title", true)
	if ex := f.mapping("exam"); ex != nil {
		e := newField(file, ex, 0, probs, "exam")
		e.allow("questions", "minutes", "unscored", "scale_min", "scale_max", "passing")
		p.Exam = ExamFormat{
			Questions: e.integer("questions", 0),
			Minutes:   e.integer("minutes", 0),
			Unscored:  e.integer("unscored", 0),
			ScaleMin:  e.integer("scale_min", 0),
			ScaleMax:  e.integer("scale_max", 0),
			Passing:   e.integer("passing", 0),
		}
		x := p.Exam
		if x.Questions <= 0 || x.Minutes <= 0 {
			probs.add(file, e.line(), "exam needs questions and minutes greater than 0")
		}
		if x.Unscored < 0 || x.Unscored >= x.Questions && x.Questions > 0 {
			probs.add(file, e.lineOf("unscored"), "exam unscored must be between 0 and questions-1")
		}
		if x.ScaleMin >= x.ScaleMax || x.Passing < x.ScaleMin || x.Passing > x.ScaleMax {
			probs.add(file, e.line(), "exam needs scale_min < passing <= scale_max (got %d, %d, %d)", x.ScaleMin, x.Passing, x.ScaleMax)
		}
	} else {
		probs.add(file, f.line(), "exam is missing")
	}
	total := 0
	for _, dn := range f.list("domains") {
		d := newField(file, dn, 0, probs, "a domain")
		d.allow("id", "name", "weight", "tasks")
		dom := Domain{ID: d.str("id", true), Name: d.str("name", true), Weight: d.integer("weight", 0)}
		if dom.Weight <= 0 {
			probs.add(file, d.lineOf("weight"), "domain %s needs a weight greater than 0", dom.ID)
		}
		total += dom.Weight
		for _, tn := range d.list("tasks") {
			t := newField(file, tn, 0, probs, "a task statement")
			t.allow("id", "name")
			task := Task{ID: t.str("id", true), Name: t.str("name", true), Domain: dom.ID}
			if task.ID != "" && dom.ID != "" && !strings.HasPrefix(task.ID, dom.ID+".") {
				probs.add(file, t.lineOf("id"), "task %s belongs under domain %s, not %s", task.ID, strings.Split(task.ID, ".")[0], dom.ID)
			}
			dom.Tasks = append(dom.Tasks, task)
		}
		if len(dom.Tasks) == 0 {
			probs.add(file, d.line(), "domain %s has no task statements", dom.ID)
		}
		p.Domains = append(p.Domains, dom)
	}
	if len(p.Domains) == 0 {
		probs.add(file, f.lineOf("domains"), "domains is missing or empty")
	} else if total != 100 {
		probs.add(file, f.lineOf("domains"), "domain weights sum to %d, not 100", total)
	}
}

func (p *Pack) index(probs *Problems) {
	p.domains = map[string]*Domain{}
	p.tasks = map[string]*Task{}
	for i := range p.Domains {
		d := &p.Domains[i]
		if _, dup := p.domains[d.ID]; dup {
			probs.add("pack.yaml", 0, "domain id %q is used twice", d.ID)
		}
		p.domains[d.ID] = d
		for j := range d.Tasks {
			t := &d.Tasks[j]
			if _, dup := p.tasks[t.ID]; dup {
				probs.add("pack.yaml", 0, "task id %q is used twice", t.ID)
			}
			p.tasks[t.ID] = t
		}
	}
}

func (p *Pack) indexNotes(probs *Problems) {
	p.notes = map[string]*Note{}
	kept := p.Notes[:0]
	for _, n := range p.Notes {
		if other, dup := p.notes[n.ID]; dup {
			probs.add(n.File, 2, "note id %q is already used by %s", n.ID, other.File)
			continue
		}
		p.notes[n.ID] = n
		kept = append(kept, n)
	}
	p.Notes = kept
}

func (p *Pack) indexItems(probs *Problems) {
	p.questions = map[string]*Question{}
	kept := p.Questions[:0]
	for _, q := range p.Questions {
		if other, dup := p.questions[q.ID]; dup {
			probs.add(q.File, q.Line, "question id %q is already used at %s:%d", q.ID, other.File, other.Line)
			continue
		}
		p.questions[q.ID] = q
		kept = append(kept, q)
	}
	p.Questions = kept
	p.scenarios = map[string]*Scenario{}
	keptS := p.Scenarios[:0]
	for _, s := range p.Scenarios {
		if other, dup := p.scenarios[s.ID]; dup {
			probs.add(s.File, s.Line, "scenario id %q is already used by %s", s.ID, other.File)
			continue
		}
		p.scenarios[s.ID] = s
		keptS = append(keptS, s)
	}
	p.Scenarios = keptS
}

func (p *Pack) sort() {
	sort.SliceStable(p.Notes, func(i, j int) bool {
		a, b := p.Notes[i], p.Notes[j]
		if a.Domain != b.Domain {
			return a.Domain < b.Domain
		}
		if a.Order != b.Order {
			return a.Order < b.Order
		}
		return a.ID < b.ID
	})
	sort.SliceStable(p.Scenarios, func(i, j int) bool {
		a, b := p.Scenarios[i], p.Scenarios[j]
		if a.Domain != b.Domain {
			return a.Domain < b.Domain
		}
		return a.Title < b.Title
	})
	sort.SliceStable(p.Questions, func(i, j int) bool {
		a, b := p.Questions[i], p.Questions[j]
		if a.Domain != b.Domain {
			return a.Domain < b.Domain
		}
		return a.ID < b.ID
	})
}

// checkDomainTask reports an unknown domain or task, or a task outside its domain.
func (p *Pack) checkDomainTask(probs *Problems, file string, line int, domain, task string) {
	if domain != "" && p.domains[domain] == nil {
		probs.add(file, line, "unknown domain %q (the pack has %s)", domain, p.domainList())
		return
	}
	if task == "" {
		return
	}
	t := p.tasks[task]
	if t == nil {
		probs.add(file, line, "unknown task statement %q", task)
		return
	}
	if domain != "" && t.Domain != domain {
		probs.add(file, line, "task %s belongs to domain %s, not %s", task, t.Domain, domain)
	}
}

func (p *Pack) domainList() string {
	ids := make([]string, len(p.Domains))
	for i, d := range p.Domains {
		ids[i] = d.ID
	}
	return strings.Join(ids, ", ")
}

// checkLinks reports note links that do not resolve.
func (p *Pack) checkLinks(probs *Problems, file string, line int, links []string) {
	for _, l := range links {
		n, _, ok := p.Section(l)
		switch {
		case n == nil:
			probs.add(file, line, "note link %q: no note with id %q", l, strings.Split(l, "#")[0])
		case !ok:
			probs.add(file, line, "note link %q: note %q has no section with that slug", l, n.ID)
		}
	}
}
