package siteimport

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

// node is one entry of the site.yaml being written: a scalar, a block mapping, a block sequence or a
// "TODO: confirm" line that stands for a key the export cannot fill in.
type node struct {
	key      string  // "" for a sequence item
	value    string  // YAML text of a scalar; "" for blocks and TODOs
	comment  string  // where the value came from
	todo     string  // non-empty: the key is left out and this says what to confirm
	children []*node // block mapping (also the keys of a sequence item)
	items    []*node // block sequence
	list     bool    // a sequence, even when it has no items
}

func scalar(key, value, comment string) *node { return &node{key: key, value: value, comment: comment} }

func todo(key, what string) *node { return &node{key: key, todo: what} }

func block(key, comment string, children ...*node) *node {
	return &node{key: key, comment: comment, children: children}
}

func list(key, comment string, items ...*node) *node {
	return &node{key: key, comment: comment, items: items, list: true}
}

// write renders n at indent (spaces) into b.
func (n *node) write(b *strings.Builder, indent int) {
	pad := strings.Repeat(" ", indent)
	line := func(text, comment string) {
		b.WriteString(pad + text)
		if comment != "" {
			b.WriteString("  # " + commentText(comment))
		}
		b.WriteByte('\n')
	}
	switch {
	case n.todo != "" && n.children != nil:
		// A block none of whose keys is known, where the format does not allow an empty block: the whole
		// block, commented out, to uncomment with the values that apply.
		b.WriteString(pad + "# TODO: confirm " + commentText(n.key+": "+n.todo) + "\n")
		b.WriteString(pad + "# " + n.key + ":\n")
		for _, c := range n.children {
			choices, why, _ := strings.Cut(c.todo, " (")
			b.WriteString(pad + "#   " + commentText(c.key+": "+choices))
			if why = strings.TrimSuffix(why, ")"); why != "" {
				b.WriteString("  # " + commentText(why))
			}
			b.WriteByte('\n')
		}
	case n.todo != "":
		what := n.todo
		if n.key != "" {
			what = n.key + ": " + what
		}
		b.WriteString(pad + "# TODO: confirm " + commentText(what) + "\n")
	case n.list && len(n.items) == 0:
		line(n.key+": []", n.comment)
	case n.list:
		line(n.key+":", n.comment)
		for _, it := range n.items {
			it.writeItem(b, indent+2)
		}
	case n.children != nil || n.value == "":
		line(n.key+":", n.comment)
		for _, c := range n.children {
			c.write(b, indent+2)
		}
	default:
		line(n.key+": "+n.value, n.comment)
	}
}

// writeItem renders a sequence item: "- value", "- key: value" with the item's other keys under it, or a
// TODO line for an entry the export could not give.
func (n *node) writeItem(b *strings.Builder, indent int) {
	pad := strings.Repeat(" ", indent)
	switch {
	case n.todo != "":
		b.WriteString(pad + "# TODO: confirm " + commentText(n.todo) + "\n")
	case n.children != nil:
		var sub strings.Builder
		for _, c := range n.children {
			c.write(&sub, indent+2)
		}
		b.WriteString(pad + "- " + strings.TrimPrefix(sub.String(), pad+"  "))
	default:
		b.WriteString(pad + "- " + n.value)
		if n.comment != "" {
			b.WriteString("  # " + commentText(n.comment))
		}
		b.WriteByte('\n')
	}
}

// countTODOs counts the entries a person has to confirm: TODO lines and values whose comment asks for
// confirmation.
func (n *node) countTODOs() int {
	c := 0
	if n.todo != "" || strings.Contains(n.comment, "TODO: confirm") {
		c++
	}
	if n.todo != "" {
		return c // the keys of a commented-out block are confirmed with it
	}
	for _, k := range n.children {
		c += k.countTODOs()
	}
	for _, k := range n.items {
		c += k.countTODOs()
	}
	return c
}

var (
	plainRE    = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.\-]*$`)
	yamlWordRE = regexp.MustCompile(`^(?i:y|n|yes|no|on|off|true|false|null)$`)
)

// yamlString writes s as a YAML scalar that reads back as exactly s: plain when that is unambiguous,
// single-quoted when s is printable, double-quoted with escapes otherwise.
func yamlString(s string) string {
	if plainRE.MatchString(s) && !yamlWordRE.MatchString(s) {
		return s
	}
	printable := true
	for _, r := range s {
		if !unicode.IsPrint(r) && r != ' ' {
			printable = false
			break
		}
	}
	if printable {
		return "'" + strings.ReplaceAll(s, "'", "''") + "'"
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteString(`\` + string(r))
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case !unicode.IsPrint(r) && r != ' ':
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// commentText keeps a comment on its line: line breaks and other invisible characters from the export
// are written as escapes.
func commentText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t' || r == ' ':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case !unicode.IsPrint(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
