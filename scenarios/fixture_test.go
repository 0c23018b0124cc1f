package scenarios_test

import "dvaprep/pack"

// fanout is a small scenario with a loop: at "fanout" the poor choice (direct invoke) leads back
// to "fanout" itself, and at "retry" the poor choice leads back to "fanout".
//
//	fanout: 0 sns+sqs  best  -> failures        (scenario defaults: domain dev, task 1.1)
//	        1 eventbridge ok -> failures        (task 1.2)
//	        2 invoke   poor  -> fanout (loop)
//	failures: 0 dlq    best  -> good            (domain trouble, task 4.1)
//	          1 retry  poor  -> retry
//	          2 ignore poor  -> bad             (domain trouble, task 4.2)
//	retry:  0 back     ok    -> fanout          (domain trouble, task 4.1)
//	        1 give up  poor  -> bad
//	good, bad: endings
func fanout() *pack.Scenario {
	return &pack.Scenario{
		ID:     "fanout",
		Domain: "dev",
		Tasks:  []string{"1.1", "1.2"},
		Start:  "fanout",
		Nodes: map[string]*pack.Node{
			"fanout": {ID: "fanout", Prompt: "Fan out order events?", Choices: []pack.Choice{
				{Text: "SNS to SQS queues", Verdict: pack.Best, Next: "failures"},
				{Text: "EventBridge rules", Verdict: pack.OK, Task: "1.2", Next: "failures"},
				{Text: "Invoke each consumer", Verdict: pack.Poor, Next: "fanout"},
			}},
			"failures": {ID: "failures", Prompt: "A consumer keeps failing?", Choices: []pack.Choice{
				{Text: "DLQ with redrive", Verdict: pack.Best, Domain: "trouble", Task: "4.1", Next: "good"},
				{Text: "Retry forever", Verdict: pack.Poor, Next: "retry"},
				{Text: "Ignore it", Verdict: pack.Poor, Domain: "trouble", Task: "4.2", Next: "bad"},
			}},
			"retry": {ID: "retry", Prompt: "The queue backs up?", Choices: []pack.Choice{
				{Text: "Rethink the design", Verdict: pack.OK, Domain: "trouble", Task: "4.1", Next: "fanout"},
				{Text: "Give up", Verdict: pack.Poor, Next: "bad"},
			}},
			"good": {ID: "good", Outcome: "Resilient fan-out."},
			"bad":  {ID: "bad", Outcome: "Lost orders."},
		},
	}
}
