package store

import (
	"context"
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
