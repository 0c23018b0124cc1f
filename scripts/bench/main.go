// Command bench measures dvaprep as whole processes against the budgets in design.md, each as a ratio
// against the process floor (`dvaprep --version`) measured in the same run, because these machines are
// noisy. It builds the binary, runs every command in alternating rounds, and prints medians, the peak
// resident memory, the TUI's time to its first frame in a pseudo-terminal, and the in-process figures
// from `go test -bench`. Run it from the repository root: `go run ./scripts/bench` (see -h).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

func main() {
	rounds := flag.Int("rounds", 12, "alternating rounds of the CLI commands")
	starts := flag.Int("starts", 50, "TUI starts to time (0 skips the TUI)")
	marker := flag.String("marker", "Scenarios", "text that shows the home screen has been drawn")
	goBench := flag.Bool("gobench", true, "also run the in-process benchmarks (go test -bench)")
	bin := flag.String("bin", "", "use this dvaprep binary instead of building one")
	flag.Parse()

	tmp, err := os.MkdirTemp("", "dvaprep-bench")
	check(err)
	defer os.RemoveAll(tmp)
	if *bin == "" {
		*bin = filepath.Join(tmp, "dvaprep")
		fmt.Fprintln(os.Stderr, "building dvaprep…")
		build := exec.Command("go", "build", "-o", *bin, ".")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		check(build.Run())
	}
	db := filepath.Join(tmp, "progress.db")
	env := append(os.Environ(), "DVAPREP_DB="+db)

	cmds := []struct {
		name   string
		args   []string
		budget float64 // ms over the floor; 0 means none
	}{
		{"floor: dvaprep --version", []string{"--version"}, 0},
		{"notes show sqs --width 100", []string{"notes", "show", "sqs", "--width", "100"}, 8},
		{"notes show lambda --width 100", []string{"notes", "show", "lambda", "--width", "100"}, 8},
		{`search "visibility timeout"`, []string{"search", "visibility timeout"}, 5},
		{"stats", []string{"stats"}, 0},
	}
	times := make([][]float64, len(cmds))
	cpus := make([][]float64, len(cmds))
	rss := make([]int64, len(cmds))
	for i, c := range cmds { // warm the page cache and create the database
		_, _, _, err := runOnce(*bin, env, c.args)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", cmds[i].name, err)
			os.Exit(1)
		}
	}
	for range *rounds {
		for i, c := range cmds {
			d, cpu, r, err := runOnce(*bin, env, c.args)
			check(err)
			times[i] = append(times[i], d)
			cpus[i] = append(cpus[i], cpu)
			rss[i] = max(rss[i], r)
		}
	}
	floor, floorCPU := median(times[0]), median(cpus[0])
	fmt.Printf("Whole processes, medians of %d alternating rounds. Floor = `dvaprep --version` = %.1f ms wall, %.1f ms CPU.\n", *rounds, floor, floorCPU)
	fmt.Printf("CPU time (user + system) is steadier than wall time on a busy machine; the budgets are on wall time.\n\n")
	fmt.Printf("%-30s %9s %10s %6s %11s %9s  %s\n", "command", "wall", "over floor", "ratio", "CPU over fl", "peak RSS", "budget (wall)")
	for i, c := range cmds {
		m, cpu := median(times[i]), median(cpus[i])
		budget := ""
		if c.budget > 0 {
			budget = fmt.Sprintf("floor + %.0f ms: %s", c.budget, verdict(m-floor <= c.budget))
		}
		fmt.Printf("%-30s %6.1f ms %+7.1f ms %5.2f× %+8.1f ms %6.1f MB  %s\n", c.name, m, m-floor, m/floor, cpu-floorCPU, float64(rss[i])/1e6, budget)
	}
	peak := slices.Max(rss)
	fmt.Printf("\nCLI peak resident memory: %.1f MB (budget 40 MB: %s)\n", float64(peak)/1e6, verdict(peak <= 40e6))

	if *starts > 0 {
		firstFrame(*bin, env, *starts, *marker)
	}
	if *goBench {
		inProcess()
	}
}

// runOnce runs dvaprep once with its output discarded and returns the wall and CPU times in ms and the peak
// RSS in bytes.
func runOnce(bin string, env, args []string) (float64, float64, int64, error) {
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	start := time.Now()
	err := cmd.Run()
	d := float64(time.Since(start).Microseconds()) / 1000
	if err != nil {
		return 0, 0, 0, fmt.Errorf("dvaprep %s: %v: %s", strings.Join(args, " "), err, stderr.String())
	}
	ps := cmd.ProcessState
	cpu := float64((ps.UserTime() + ps.SystemTime()).Microseconds()) / 1000
	return d, cpu, maxRSS(ps), nil
}

// firstFrame starts the interface n times in a 100×30 pseudo-terminal and times each start until the home
// screen's marker text has been written. A start that draws nothing within 3 s is a failure. Each start is
// paired with a run of the floor, so the ratio compares runs made under the same load.
func firstFrame(bin string, env []string, n int, marker string) {
	var times, floors []float64
	failures := 0
	var rss int64
	for range n {
		f, _, _, err := runOnce(bin, env, []string{"--version"})
		check(err)
		d, r, err := oneStart(bin, env, marker)
		if err != nil {
			failures++
			fmt.Fprintln(os.Stderr, "start:", err)
			continue
		}
		times = append(times, d)
		floors = append(floors, f)
		rss = max(rss, r)
	}
	fmt.Printf("\nTUI start to first frame (home drawn, 100×30 pty), %d starts, each beside a run of the floor:\n", n)
	if len(times) == 0 {
		fmt.Printf("  every start failed (budget 80 ms median, 0 failures: %s)\n", verdict(false))
		return
	}
	m, floor := median(times), median(floors)
	fmt.Printf("  median %.1f ms (%.2f× the floor's %.1f ms), p90 %.1f ms, %d failures, peak RSS %.1f MB\n",
		m, m/floor, floor, percentile(times, 0.9), failures, float64(rss)/1e6)
	fmt.Printf("  budget 80 ms median and 0 failures: %s\n", verdict(m <= 80 && failures == 0))
}

func oneStart(bin string, env []string, marker string) (float64, int64, error) {
	master, slave, err := openPTY(100, 30)
	if err != nil {
		return 0, 0, err
	}
	defer master.Close()
	cmd := exec.Command(bin)
	cmd.Env = append(env, "TERM=xterm-256color")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	cmd.SysProcAttr = ttyAttr()
	drawn := make(chan time.Duration, 1)
	start := time.Now()
	if err := cmd.Start(); err != nil {
		slave.Close()
		return 0, 0, err
	}
	slave.Close()
	go func() {
		var seen []byte
		buf := make([]byte, 32<<10)
		signalled := false
		for {
			k, err := master.Read(buf)
			seen = append(seen, buf[:k]...)
			if !signalled && bytes.Contains(seen, []byte(marker)) {
				drawn <- time.Since(start)
				signalled = true
				seen = nil
			}
			if err != nil {
				return
			}
		}
	}()
	var d time.Duration
	select {
	case d = <-drawn:
	case <-time.After(3 * time.Second):
	}
	master.Write([]byte{3}) // ctrl+c
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		cmd.Process.Kill()
		<-done
	}
	if d == 0 {
		return 0, 0, fmt.Errorf("no frame with %q within 3 s", marker)
	}
	return float64(d.Microseconds()) / 1000, maxRSS(cmd.ProcessState), nil
}

// inProcess runs the Go benchmarks behind the in-process budgets and prints their figures.
func inProcess() {
	benches := []struct{ pkg, re, name string }{
		{"./content/", "^BenchmarkLoadCompiled$", "pack load, embedded (compiled)"},
		{"./pack/", "^BenchmarkLoad(Blueprint|Notes|Pack)$", "pack load from YAML (--pack DIR)"},
		{".", "^Benchmark(Startup|BootLoad)$", "interface: first frame / what loads after"},
		{"./ui/markdown/", "^BenchmarkRenderNote$", "the longest note at width 100"},
		{"./notes/", "^BenchmarkSearch$", "one search keystroke"},
		{"./store/", "^BenchmarkOpenLarge$", "open a store of 100,000 attempts"},
	}
	fmt.Println("\nIn process (go test -bench, ms per operation):")
	line := regexp.MustCompile(`^(Benchmark\S+?)(-\d+)?\s+\d+\s+([\d.]+) ns/op`)
	for _, b := range benches {
		out, err := exec.Command("go", "test", "-run", "^$", "-bench", b.re, "-benchtime", "10x", b.pkg).CombinedOutput()
		if err != nil {
			fmt.Printf("  %s: %v\n%s", b.name, err, out)
			continue
		}
		for _, l := range strings.Split(string(out), "\n") {
			if m := line.FindStringSubmatch(l); m != nil {
				ns, _ := strconv.ParseFloat(m[3], 64)
				fmt.Printf("  %-44s %-40s %8.2f ms\n", b.name, m[1], ns/1e6)
			}
		}
	}
	fmt.Println("  budgets: pack load for one command ≤ 10 ms; first screenful of the longest note ≤ 10 ms")
	fmt.Println("  (RenderNote/firstScreen); one keystroke ≤ 0.5 ms (≤ 5 ms over a corpus 10× larger)")
}

func median(xs []float64) float64 { return percentile(xs, 0.5) }

func percentile(xs []float64, p float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[min(int(float64(len(s)-1)*p+0.5), len(s)-1)]
}

func verdict(ok bool) string {
	if ok {
		return "ok"
	}
	return "OVER"
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}
