// Package exam holds the rules of a dvaprep practice exam: drawing questions by the blueprint, the state of a
// session in progress (answers, flags, time, deadline), its serialised form for the store, and scoring with a
// scaled-score estimate. It imports the pack and the standard library only, so the rules can be read and tested
// without a terminal or a database.
//
// # Drawing
//
// A full mock draws its questions per domain by the domain weights in the pack. The number of questions for each
// domain is apportioned by highest averages (D'Hondt): seats go one at a time to the domain with the largest
// weight/(seats+1), ties to the heavier domain, then to the earlier one. For the DVA-C02 weights 32/26/24/18 this
// gives 21/17/16/11 for 65 questions (the split quoted for the real exam), 16/13/12/9 for 50 and 2/1/1/1 for 5.
// Every domain gets at least the whole part of its exact share. A domain with too few questions gives its seats to
// the others and Draw says so with a *Shortfall. Within a domain, questions not yet seen come first, and the draw
// is spread evenly over the domain's task statements. No question appears twice.
//
// The unscored items of a mock are chosen by weight too: the scored count of each domain is apportioned the same
// way over the scored total, and the rest of each domain's draw is unscored. A full DVA-C02 mock therefore scores
// 16/13/12/9 of its 21/17/16/11 (5/4/4/2 unscored), and each domain's verdict rests on its share of the blueprint.
//
// # Practice sets
//
// The bank is also cut into fixed practice sets of a mock's length (FormSets), to take, retake and compare.
// Each is apportioned by the blueprint as a mock is, with no question in two sets. Within a domain the
// questions are taken in the order of a hash of their IDs, round-robin over the task statements, so the
// sets depend on the bank alone, not on file order. A set taken once is frozen by the caller (the store
// keeps its question IDs) and passed back in: it never changes, and the sets not taken are formed from the
// rest. A set's unscored items are fixed by the set, so attempts at it score the same questions.
//
// # Scaled score estimate
//
// AWS reports a scaled score from 100 to 1000 and passes at 720, but it does not publish how raw scores map to that
// scale (and the real exam equates forms of different difficulty). The scaled score here is therefore an estimate,
// and must be labelled as one wherever it is shown. The mapping is piecewise linear through three points:
//
//	raw   0%  -> ScaleMin (100)
//	raw cut%  -> Passing  (720)
//	raw 100%  -> ScaleMax (1000)
//
// where the cut is Passing as a share of ScaleMax: 720/1000 = 72% raw. Below the cut each raw point is worth
// 620/72 ≈ 8.6 scaled points, above it 10. The result is rounded down, so a raw score under the cut never shows as
// a pass. The same 72% is the line between "Meets competencies" and "Needs improvement" in the per-domain report,
// as the AWS score report words it.
package exam
