package notes_test

import "testing/fstest"

func testPack(note string) fstest.MapFS {
	return fstest.MapFS{
		"pack.yaml": {Data: []byte("id: t\ntitle: T\nexam: {questions: 2, minutes: 2, scale_min: 100, scale_max: 1000, passing: 720}\n" +
			"domains:\n  - id: \"1\"\n    name: One\n    weight: 100\n    tasks: [{id: \"1.1\", name: T}]\n")},
		"notes/a.md": {Data: []byte(note)},
	}
}
