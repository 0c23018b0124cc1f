package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// The design budget for committing one exam answer is 5 ms. Both benchmarks
// write to a real file in WAL mode with synchronous=FULL, one durable commit
// per operation, so they include the fsync.

func BenchmarkRecordAttempt(b *testing.B) {
	s, _ := openTemp(b)
	ctx := context.Background()
	a := Attempt{ItemID: "lambda-concurrency-01", Kind: KindQuestion, Domain: "1", Task: "1.1", Score: 1,
		Choice: "B", CorrectChoice: "B", Elapsed: 42 * time.Second, Source: SourceExam, SessionID: 1}
	for b.Loop() {
		if _, err := s.RecordAttempt(ctx, a); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSaveAnswer(b *testing.B) {
	s, _ := openTemp(b)
	ctx := context.Background()
	id, err := s.CreateExamSession(ctx, ExamSession{Kind: ExamMock})
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		a := Answer{Position: i % 65, QuestionID: "lambda-concurrency-01", Choice: "A,C", Elapsed: time.Duration(i) * time.Millisecond}
		if err := s.SaveAnswer(ctx, id, a); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkOpenLarge opens a database of 100,000 attempts, as every start does: the integrity check on
// open is bounded (quickCheckPages), so this stays a few milliseconds however long the history grows.
func BenchmarkOpenLarge(b *testing.B) {
	path := filepath.Join(b.TempDir(), "progress.db")
	s, err := Open(b.Context(), path)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	as := make([]Attempt, 100_000)
	for i := range as {
		as[i] = Attempt{ItemID: fmt.Sprintf("question-%05d", i%900), Kind: KindQuestion, Source: SourceExam,
			Domain: "1", Task: "1.1", Choice: "A", CorrectChoice: "B", At: time.Unix(int64(i), 0)}
	}
	if err := s.write(ctx, func(tx *sql.Tx) error { return s.insertAttempts(ctx, tx, as) }); err != nil {
		b.Fatal(err)
	}
	s.Close()
	if fi, err := os.Stat(path); err == nil {
		b.Logf("%d attempts: %d MB, %d pages", len(as), fi.Size()>>20, fi.Size()/4096)
	}
	for b.Loop() {
		s, err := Open(b.Context(), path)
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}
