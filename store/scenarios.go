package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// StartScenarioRun records that a scenario was started and returns the run's
// ID, to be passed to FinishScenarioRun and as the SessionID of its decisions.
// A zero at means now.
func (s *Store) StartScenarioRun(ctx context.Context, scenarioID string, at time.Time) (int64, error) {
	return s.StartScenarioRunOnce(ctx, "", scenarioID, at)
}

// StartScenarioRunOnce is StartScenarioRun with the run's UID (a UUIDv7; "" makes one): starting the
// same UID twice, a retry whose first reply was lost, starts one run and returns its ID.
func (s *Store) StartScenarioRunOnce(ctx context.Context, uid, scenarioID string, at time.Time) (int64, error) {
	what := "start scenario run " + scenarioID
	if scenarioID == "" {
		return 0, s.wrap(what, fmt.Errorf("empty scenario ID"))
	}
	at = s.nowOr(at)
	if uid == "" {
		uid = NewUID(at)
	}
	var id int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO scenario_runs (uid, scenario_id, started_at) VALUES (?, ?, ?)
			ON CONFLICT (uid) DO NOTHING`, uid, scenarioID, at.UnixMilli()); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, "SELECT id FROM scenario_runs WHERE uid = ?", uid).Scan(&id)
	})
	if err != nil {
		return 0, s.wrap(what, err)
	}
	return id, nil
}

// FinishScenarioRun stores how a run ended: the path taken (JSON, the
// caller's node and choice sequence) and its score out of maxScore. It
// returns ErrNotFound for an unknown run.
func (s *Store) FinishScenarioRun(ctx context.Context, runID int64, path json.RawMessage, score, maxScore float64) error {
	what := fmt.Sprintf("finish scenario run %d", runID)
	if err := validJSON("path", path); err != nil {
		return s.wrap(what, err)
	}
	if !(score >= 0 && maxScore >= 0) {
		return s.wrap(what, fmt.Errorf("invalid score %v of %v", score, maxScore))
	}
	var p any
	if path != nil {
		p = string(path)
	}
	res, err := s.exec(ctx, `UPDATE scenario_runs SET finished_at = ?, path = ?, score = ?, max_score = ?
		WHERE id = ?`, s.now().UnixMilli(), p, score, maxScore, runID)
	if err != nil {
		return s.wrap(what, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return s.wrap(what, err)
	} else if n == 0 {
		return s.wrap(what, ErrNotFound)
	}
	return nil
}

// ScenarioRecord sums up the runs of one scenario for the scenario list.
type ScenarioRecord struct {
	Best       float64   // best score of a finished run, as a fraction of its max score (0..1)
	BestScore  float64   // that run's score
	MaxScore   float64   // that run's max score
	Finished   int       // runs finished
	LastPlayed time.Time // latest start of any run, finished or not
}

// ScenarioBest returns a record for every scenario ever started, keyed by
// scenario ID.
func (s *Store) ScenarioBest(ctx context.Context) (map[string]ScenarioRecord, error) {
	rows, err := s.db.QueryContext(ctx, `
		WITH ranked AS (
			SELECT scenario_id, score, max_score, finished_at,
				CASE WHEN finished_at IS NULL THEN NULL
				     WHEN max_score > 0 THEN score / max_score ELSE 0 END AS ratio,
				ROW_NUMBER() OVER (PARTITION BY scenario_id
					ORDER BY finished_at IS NULL,
						CASE WHEN max_score > 0 THEN score / max_score ELSE 0 END DESC,
						score DESC, id) AS rn,
				count(finished_at) OVER (PARTITION BY scenario_id) AS finished,
				max(started_at) OVER (PARTITION BY scenario_id) AS last
			FROM scenario_runs)
		SELECT scenario_id, coalesce(ratio, 0), coalesce(score, 0), coalesce(max_score, 0), finished, last
		FROM ranked WHERE rn = 1`)
	if err != nil {
		return nil, s.wrap("read scenario records", err)
	}
	defer rows.Close()
	out := map[string]ScenarioRecord{}
	for rows.Next() {
		var (
			id   string
			r    ScenarioRecord
			last sql.NullInt64
		)
		if err := rows.Scan(&id, &r.Best, &r.BestScore, &r.MaxScore, &r.Finished, &last); err != nil {
			return nil, s.wrap("read scenario records", err)
		}
		r.LastPlayed = fromMS(last)
		out[id] = r
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("read scenario records", err)
	}
	return out, nil
}

// SaveScenarioPosition keeps where the learner is in a scenario (the caller's JSON: node, path taken), so
// it can be resumed; a nil position forgets it (the scenario was finished or restarted).
func (s *Store) SaveScenarioPosition(ctx context.Context, scenarioID string, position json.RawMessage) error {
	what := "save position in scenario " + scenarioID
	if scenarioID == "" {
		return s.wrap(what, fmt.Errorf("empty scenario ID"))
	}
	var err error
	if position == nil {
		_, err = s.exec(ctx, "DELETE FROM scenario_positions WHERE scenario_id = ?", scenarioID)
	} else {
		if err := validJSON("position", position); err != nil {
			return s.wrap(what, err)
		}
		_, err = s.exec(ctx, `INSERT INTO scenario_positions (scenario_id, position, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (scenario_id) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
			scenarioID, string(position), s.now().UnixMilli())
	}
	if err != nil {
		return s.wrap(what, err)
	}
	return nil
}

// ScenarioPosition returns the position kept for a scenario, or nil if there is none.
func (s *Store) ScenarioPosition(ctx context.Context, scenarioID string) (json.RawMessage, error) {
	var p string
	err := s.db.QueryRowContext(ctx, "SELECT position FROM scenario_positions WHERE scenario_id = ?", scenarioID).Scan(&p)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, s.wrap("read position in scenario "+scenarioID, err)
	}
	return json.RawMessage(p), nil
}
