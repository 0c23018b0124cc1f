package content_test

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
)

// expressionKeywords are the words of DynamoDB expression syntax. They are reserved words too, but used as syntax
// they need no alias.
var expressionKeywords = map[string]bool{"AND": true, "OR": true, "NOT": true, "BETWEEN": true, "IN": true,
	"SET": true, "REMOVE": true, "ADD": true, "DELETE": true}

var (
	exprPlaceholderRE = regexp.MustCompile(`[#:][A-Za-z0-9_]+`)
	exprWordRE        = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*(\s*\()?`)
	inlineCodeRE      = regexp.MustCompile("`([^`]+)`")
	valuePlaceholder  = regexp.MustCompile(`:[A-Za-z]`)
)

func reservedWords(t *testing.T) map[string]bool {
	t.Helper()
	data, err := os.ReadFile("testdata/dynamodb-reserved-words.txt")
	if err != nil {
		t.Fatal(err)
	}
	words := map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		for _, w := range strings.Fields(line) {
			words[w] = true
		}
	}
	return words
}

// unaliasedReserved returns the attribute names in a DynamoDB expression that are reserved words written without
// an ExpressionAttributeNames alias: such a request fails with a ValidationException.
func unaliasedReserved(expr string, reserved map[string]bool) []string {
	var bad []string
	for _, m := range exprWordRE.FindAllString(exprPlaceholderRE.ReplaceAllString(expr, " "), -1) {
		if strings.HasSuffix(m, "(") { // a function such as begins_with( or attribute_not_exists(
			continue
		}
		w := strings.ToUpper(m)
		if reserved[w] && !expressionKeywords[w] {
			bad = append(bad, m)
		}
	}
	return bad
}

// TestDynamoDBExpressionsEscapeReservedWords checks the expressions that the DynamoDB note shows: in JSON request
// examples (every key ending in "Expression") and in inline code with a :value placeholder.
func TestDynamoDBExpressionsEscapeReservedWords(t *testing.T) {
	p := load(t)
	reserved := reservedWords(t)
	n := p.Note("dynamodb")
	if n == nil {
		t.Fatal("no dynamodb note")
	}
	checked := 0
	check := func(line int, expr string) {
		checked++
		if bad := unaliasedReserved(expr, reserved); len(bad) > 0 {
			t.Errorf("%s:%d: %q uses reserved words %v without #aliases", n.File, line, expr, bad)
		}
	}
	for _, b := range fencedBlocks(n.Body, n.BodyLine) {
		if b.lang != "json" {
			continue
		}
		var req map[string]any
		if json.Unmarshal([]byte(b.text), &req) != nil {
			continue // TestNoteCodeBlocksParse reports invalid JSON
		}
		for k, v := range req {
			if s, ok := v.(string); ok && strings.HasSuffix(k, "Expression") {
				check(b.line, s)
			}
		}
	}
	for i, line := range strings.Split(n.Body, "\n") {
		for _, m := range inlineCodeRE.FindAllStringSubmatch(line, -1) {
			if valuePlaceholder.MatchString(m[1]) {
				check(n.BodyLine+i, strings.TrimPrefix(strings.TrimPrefix(m[1], "ConditionExpression:"), "UpdateExpression:"))
			}
		}
	}
	if checked == 0 {
		t.Fatal("found no expressions in the dynamodb note")
	}
}

func TestUnaliasedReserved(t *testing.T) {
	reserved := map[string]bool{"TOTAL": true, "STATUS": true, "SET": true, "AND": true, "SIZE": true}
	cases := []struct {
		expr string
		want int
	}{
		{"orderId, total, #st", 1},
		{"orderId, #tot, #st", 0},
		{"SET #st = :s AND size(items) > :n", 0},
		{"status = :s", 1},
	}
	for _, c := range cases {
		if got := unaliasedReserved(c.expr, reserved); len(got) != c.want {
			t.Errorf("%q: got %v, want %d reserved", c.expr, got, c.want)
		}
	}
}
