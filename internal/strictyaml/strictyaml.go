// Package strictyaml reads YAML that people write by hand (site descriptions, waiver files) strictly:
// every unknown key, wrong type, duplicate key or bad value becomes an error that names the file, line and
// column and says what was expected. It walks go-yaml's syntax tree instead of unmarshalling into structs so
// that every value keeps its position and every message can be written for an SMS administrator.
package strictyaml

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/pushlint/pushlint/internal/inputfile"
	"github.com/pushlint/pushlint/internal/termsafe"
)

// Location is a position in a source file, 1-based.
type Location struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

func (l Location) String() string { return fmt.Sprintf("%s:%d:%d", l.File, l.Line, l.Column) }

// Error is one problem in one file, at one position.
type Error struct {
	Location
	Message string
}

func (e *Error) Error() string { return e.Location.String() + ": " + e.Message }

// Errors is every problem found in a file, in file order. A file is rejected if there is at least one.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Limits protect against hostile files: a description of a few hundred sites is well under them.
type Limits struct {
	MaxBytes  int // file size
	MaxDepth  int // nesting of mappings and sequences
	MaxNodes  int // nodes visited, counting every alias expansion (stops "billion laughs")
	MaxErrors int // stop collecting after this many errors
}

// DefaultLimits are generous for real site descriptions and small enough to fail fast on attacks. A site
// with its systems, accounts and boundaries is about a hundred values and three kilobytes, so 1 MiB and
// 250,000 values is a hierarchy of a few hundred sites written out, and more with aliases. The YAML
// parser holds about 400 bytes per token: a hostile 1 MiB file of one-character list items costs it
// about 400 MB and a second, which is why the size limit is not larger.
var DefaultLimits = Limits{MaxBytes: 1 << 20, MaxDepth: 64, MaxNodes: 250_000, MaxErrors: 50}

// Document is a parsed YAML file ready to be walked with a Decoder.
type Document struct {
	File    string
	Root    ast.Node // nil for an empty document
	anchors map[string]ast.Node
	limits  Limits
}

// ReadFile reads a hand-written file for Parse, refusing one over limits.MaxBytes without reading it.
// what names the file in I/O errors ("site description", "waivers").
func ReadFile(path, what string, limits Limits) ([]byte, error) {
	max := int64(limits.MaxBytes)
	if max <= 0 {
		max = math.MaxInt64 - 1
	}
	data, err := inputfile.ReadFile(path, max)
	var tl *inputfile.TooLargeError
	switch {
	case errors.As(err, &tl):
		return nil, sizeError(path, tl.Size, limits.MaxBytes)
	case err != nil:
		return nil, fmt.Errorf("reading %s: %w", what, err)
	}
	return data, nil
}

func sizeError(file string, size int64, limit int) error {
	if size < 0 {
		return Errors{{Location{file, 1, 1}, fmt.Sprintf("file is larger than the limit of %d bytes", limit)}}
	}
	return Errors{{Location{file, 1, 1}, fmt.Sprintf("file is %d bytes; the limit is %d bytes", size, limit)}}
}

// Parse checks the bytes (size, encoding, tabs, nesting) and parses exactly one YAML document.
func Parse(file string, data []byte, limits Limits) (*Document, error) {
	if limits.MaxBytes > 0 && len(data) > limits.MaxBytes {
		return nil, sizeError(file, int64(len(data)), limits.MaxBytes)
	}
	if err := checkEncoding(file, data); err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")) // Notepad writes a UTF-8 BOM; it is harmless
	if err := checkTabs(file, data); err != nil {
		return nil, err
	}
	if err := checkNesting(file, data, limits.MaxDepth); err != nil {
		return nil, err
	}
	f, err := parser.ParseBytes(data, 0, parser.AllowDuplicateMapKey()) // duplicates are reported by Map, with context
	if err != nil {
		return nil, syntaxError(file, err)
	}
	doc := &Document{File: file, anchors: map[string]ast.Node{}, limits: limits}
	var bodies []ast.Node
	for _, d := range f.Docs {
		if d == nil || d.Body == nil {
			continue
		}
		if _, ok := d.Body.(*ast.DirectiveNode); ok {
			// "%YAML 1.1" then "---" is one document with a directive before it, not a document of its own;
			// the parser itself refuses a version other than 1.x. pushlint reads YAML 1.2 either way (in 1.1,
			// yes and no were booleans: the readers say so where it matters).
			continue
		}
		bodies = append(bodies, d.Body)
	}
	if len(bodies) > 1 {
		return nil, Errors{{at(file, bodies[1]), "expected one YAML document, found a second one (remove the '---' separator)"}}
	}
	if len(bodies) == 1 {
		doc.Root = bodies[0]
		if err := doc.collectAnchors(doc.Root, 0); err != nil {
			return nil, err
		}
	}
	return doc, nil
}

func checkEncoding(file string, data []byte) error {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE, 0, 0}) || bytes.HasPrefix(data, []byte{0, 0, 0xFE, 0xFF}):
		// Checked before UTF-16: UTF-32's little-endian mark starts with UTF-16's.
		return Errors{{Location{file, 1, 1}, "file is UTF-32 (it starts with a UTF-32 byte order mark); save it as UTF-8"}}
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return Errors{{Location{file, 1, 1}, "file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8"}}
	case looksUTF16(data):
		return Errors{{Location{file, 1, 1}, "file is UTF-16 without a byte order mark (every other byte is NUL); save it as UTF-8"}}
	case bytes.IndexByte(data, 0) >= 0:
		line, col := lineCol(data, bytes.IndexByte(data, 0))
		return Errors{{Location{file, line, col}, "file contains a NUL byte; expected UTF-8 text"}}
	}
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, size := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		line, col := lineCol(data, off)
		return Errors{{Location{file, line, col}, fmt.Sprintf("invalid UTF-8 byte 0x%02X; expected UTF-8 text", data[off])}}
	}
	return checkLineBreaks(file, data)
}

// unicodeBreaks are line breaks of Unicode that YAML 1.2 reads as ordinary characters (YAML 1.1 took them as
// line breaks). A file whose lines end with them is one long line to the parser: after a comment on the
// first line, the whole file is that comment and reads as empty. Only LF and CRLF end lines here.
var unicodeBreaks = map[rune]string{'\u0085': "NEL (next line)", '\u2028': "LINE SEPARATOR", '\u2029': "PARAGRAPH SEPARATOR"}

func checkLineBreaks(file string, data []byte) error {
	for off := 0; off < len(data); {
		r, size := utf8.DecodeRune(data[off:])
		if name, ok := unicodeBreaks[r]; ok {
			line, col := lineCol(data, off)
			return Errors{{Location{file, line, col}, fmt.Sprintf(
				"U+%04X %s: YAML 1.2 does not end a line there, so the lines around it run together; save the file with ordinary line ends (LF or CRLF)", r, name)}}
		}
		off += size
	}
	return nil
}

// looksUTF16 recognises UTF-16 text of Latin script without a byte order mark: in its first characters the
// high byte of every code unit is NUL, on the same side.
func looksUTF16(data []byte) bool {
	n := min(len(data), 64) &^ 1
	if n < 4 {
		return false
	}
	even, odd := 0, 0
	for i := 0; i < n; i += 2 {
		if data[i] == 0 && data[i+1] != 0 {
			even++
		}
		if data[i+1] == 0 && data[i] != 0 {
			odd++
		}
	}
	half := n / 2
	return even*10 >= half*8 || odd*10 >= half*8
}

func checkTabs(file string, data []byte) error {
	for i, line := range bytes.Split(data, []byte("\n")) {
		for j, c := range line {
			if c == '\t' {
				return Errors{{Location{file, i + 1, j + 1}, "tab character in indentation; YAML indents with spaces"}}
			}
			if c != ' ' {
				break
			}
		}
	}
	return nil
}

func lineCol(data []byte, off int) (int, int) {
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return line, utf8.RuneCount(data[start:off]) + 1
}

func syntaxError(file string, err error) error {
	var yerr yaml.Error
	if errors.As(err, &yerr) && yerr.GetToken() != nil {
		p := yerr.GetToken().Position
		return Errors{{Location{file, p.Line, p.Column}, "YAML syntax error: " + oneLine(yerr.GetMessage())}}
	}
	return Errors{{Location{file, 1, 1}, "YAML syntax error: " + firstLine(err.Error())}}
}

// oneLine keeps an error on one line even when it quotes text from the file.
func oneLine(s string) string {
	return strings.NewReplacer("\r", `\r`, "\n", `\n`).Replace(s)
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func (doc *Document) collectAnchors(n ast.Node, depth int) error {
	if depth > doc.limits.MaxDepth && doc.limits.MaxDepth > 0 {
		return Errors{{at(doc.File, n), fmt.Sprintf("nesting is deeper than %d levels", doc.limits.MaxDepth)}}
	}
	switch v := n.(type) {
	case *ast.AnchorNode:
		doc.anchors[v.Name.String()] = v.Value
		return doc.collectAnchors(v.Value, depth)
	case *ast.MappingNode:
		for _, mv := range v.Values {
			if err := doc.collectAnchors(mv, depth+1); err != nil {
				return err
			}
		}
	case *ast.MappingValueNode:
		if err := doc.collectAnchors(v.Key, depth+1); err != nil {
			return err
		}
		return doc.collectAnchors(v.Value, depth+1)
	case *ast.SequenceNode:
		for _, e := range v.Values {
			if err := doc.collectAnchors(e, depth+1); err != nil {
				return err
			}
		}
	case *ast.TagNode:
		return doc.collectAnchors(v.Value, depth)
	}
	return nil
}

func at(file string, n ast.Node) Location {
	if n == nil || n.GetToken() == nil {
		return Location{file, 1, 1}
	}
	if m, ok := n.(*ast.MappingNode); ok && len(m.Values) > 0 {
		n = m.Values[0].Key
	}
	if mv, ok := n.(*ast.MappingValueNode); ok {
		n = mv.Key
	}
	p := n.GetToken().Position
	return Location{file, p.Line, p.Column}
}

// Start parses data and returns a decoder positioned at the document's root. An empty document is an error
// that says what the file should hold (expected), since that is all a user of an empty file needs to know.
func Start(file string, data []byte, expected string) (*Decoder, *Node, error) {
	doc, err := Parse(file, data, DefaultLimits)
	if err != nil {
		return nil, nil, err
	}
	d := NewDecoder(doc)
	root := d.Root()
	if root == nil {
		return nil, nil, Errors{{Location{file, 1, 1}, "file is empty; expected " + expected}}
	}
	return d, root, nil
}

// Decoder walks a Document and collects errors; the caller asks for values by what they should be.
type Decoder struct {
	doc    *Document
	errs   Errors
	nodes  int
	capped bool
}

// NewDecoder starts a walk over doc.
func NewDecoder(doc *Document) *Decoder { return &Decoder{doc: doc} }

// Err returns every error found so far, or nil.
func (d *Decoder) Err() error {
	if len(d.errs) == 0 {
		return nil
	}
	sort.SliceStable(d.errs, func(i, j int) bool {
		a, b := d.errs[i], d.errs[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	return d.errs
}

// Full reports that reading can stop: the error limit is reached or the document is over its value
// budget. Callers walking long lists check it, so that a file of a million bad entries is not walked to
// the end only to report the first fifty.
func (d *Decoder) Full() bool {
	return d.capped || (d.doc.limits.MaxErrors > 0 && len(d.errs) >= d.doc.limits.MaxErrors)
}

// Errorf records an error at loc. Past the value budget nothing more is recorded: what the walk finds
// then is only the shadow of the values it was not given.
func (d *Decoder) Errorf(loc Location, format string, args ...any) {
	if d.capped || (d.doc.limits.MaxErrors > 0 && len(d.errs) >= d.doc.limits.MaxErrors) {
		return
	}
	// Messages quote keys and values of the file: at most termsafe.MaxQuoted characters of each.
	d.errs = append(d.errs, &Error{loc, oneLine(fmt.Sprintf(format, termsafe.CapQuoted(format, args)...))})
}

// Root is the top node of the document (nil when the file is empty).
func (d *Decoder) Root() *Node {
	if d.doc.Root == nil {
		return nil
	}
	return d.node(d.doc.Root)
}

// Node is one value in the document, with aliases and anchors resolved.
type Node struct {
	d   *Decoder
	n   ast.Node
	Loc Location
	// reported: the value could not be read at all (an unsupported tag, an alias to nothing, over the value
	// budget) and that was said; it reads as null and no second error is made about its type.
	reported bool
}

// errorf records a problem with the value, unless it was already reported as unreadable.
func (n *Node) errorf(format string, args ...any) {
	if !n.reported {
		n.d.Errorf(n.Loc, format, args...)
	}
}

func (d *Decoder) node(n ast.Node) *Node {
	loc := at(d.doc.File, n)
	for i := 0; i < 100; i++ {
		switch v := n.(type) {
		case *ast.AnchorNode:
			n = v.Value
			continue
		case *ast.AliasNode:
			target, ok := d.doc.anchors[v.Value.String()]
			if !ok {
				d.Errorf(loc, "alias %q refers to no anchor", "*"+v.Value.String())
				return &Node{d: d, Loc: loc, reported: true}
			}
			n = target
			continue
		case *ast.TagNode:
			d.Errorf(loc, "YAML tags such as %q are not supported here", v.Start.Value)
			return &Node{d: d, Loc: loc, reported: true}
		}
		break
	}
	d.nodes++
	if d.doc.limits.MaxNodes > 0 && d.nodes > d.doc.limits.MaxNodes {
		if !d.capped {
			d.Errorf(loc, "document has more than %d values, counting every use of an alias; a description this large is not read", d.doc.limits.MaxNodes)
			d.capped = true
		}
		return &Node{d: d, Loc: loc, reported: true}
	}
	return &Node{d: d, n: n, Loc: loc}
}

// IsNull reports whether the value is YAML null (`null`, `~` or nothing).
func (n *Node) IsNull() bool {
	if n == nil || n.n == nil {
		return true
	}
	_, ok := n.n.(*ast.NullNode)
	return ok
}

func (n *Node) kind() string {
	switch v := n.n.(type) {
	case nil, *ast.NullNode:
		return "null"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.BoolNode:
		return "a boolean"
	case *ast.IntegerNode:
		return "a number"
	case *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		return "a number"
	case *ast.StringNode, *ast.LiteralNode:
		return "a string"
	default:
		return strings.ToLower(v.Type().String())
	}
}

// Map is a mapping whose keys have been checked against the keys the caller knows.
type Map struct {
	*Node
	keys    map[string]*ast.MappingValueNode
	order   []string
	failed  bool
	written int // entries written, known or not
}

// Map reads n as a mapping with exactly the given known keys; unknown and duplicate keys are errors.
// what names the thing for messages ("site", "client_push").
func (n *Node) Map(what string, known ...string) *Map {
	return n.mapping(what, known, false)
}

// MapAny reads n as a mapping whose keys the writer chooses (ids, field names); duplicate keys are errors.
func (n *Node) MapAny(what string) *Map {
	return n.mapping(what, nil, true)
}

func (n *Node) mapping(what string, known []string, anyKey bool) *Map {
	m := &Map{Node: n, keys: map[string]*ast.MappingValueNode{}}
	var values []*ast.MappingValueNode
	switch v := n.n.(type) {
	case *ast.MappingNode:
		values = v.Values
	case *ast.MappingValueNode:
		values = []*ast.MappingValueNode{v}
	default:
		n.errorf("%s must be a mapping of keys to values, found %s", what, n.kind())
		m.failed = true
		return m
	}
	m.written = len(values)
	for _, mv := range values {
		if _, ok := mv.Key.(*ast.MergeKeyNode); ok {
			n.d.Errorf(at(n.d.doc.File, mv.Key), "merge keys (<<) are not supported; write the keys out")
			continue
		}
		key := scalarText(mv.Key)
		kloc := at(n.d.doc.File, mv.Key)
		if prev, dup := m.keys[key]; dup {
			n.d.Errorf(kloc, "duplicate key %q in %s (first at line %d)", key, what, at(n.d.doc.File, prev.Key).Line)
			continue
		}
		if !anyKey && !contains(known, key) {
			msg := fmt.Sprintf("unknown key %q in %s", termsafe.Capped(key), what)
			if s := suggest(key, known); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			} else {
				msg += fmt.Sprintf(" (expected one of: %s)", strings.Join(known, ", "))
			}
			n.d.Errorf(kloc, "%s", msg)
			continue
		}
		m.keys[key] = mv
		m.order = append(m.order, key)
	}
	return m
}

func scalarText(n ast.Node) string {
	switch v := n.(type) {
	case *ast.StringNode:
		return v.Value
	case *ast.MappingKeyNode:
		return scalarText(v.Value)
	}
	return n.String()
}

// Written is how many entries the mapping has as written, known keys or not.
func (m *Map) Written() int { return m.written }

// Has reports whether key is present (even if null).
func (m *Map) Has(key string) bool { _, ok := m.keys[key]; return ok }

// Keys returns the keys present, in file order.
func (m *Map) Keys() []string { return m.order }

// Get returns the value of key, or nil when absent.
func (m *Map) Get(key string) *Node {
	mv, ok := m.keys[key]
	if !ok {
		return nil
	}
	if mv.Value == nil {
		return &Node{d: m.d, Loc: at(m.d.doc.File, mv.Key)}
	}
	return m.d.node(mv.Value)
}

// KeyLoc is where key is written, or the mapping's own location when absent.
func (m *Map) KeyLoc(key string) Location {
	if mv, ok := m.keys[key]; ok {
		return at(m.d.doc.File, mv.Key)
	}
	return m.Loc
}

// Require reports an error for every listed key that is absent.
func (m *Map) Require(what string, keys ...string) bool {
	if m.failed {
		return false
	}
	ok := true
	for _, k := range keys {
		if !m.Has(k) {
			m.d.Errorf(m.Loc, "%s is missing required key %q", what, k)
			ok = false
		}
	}
	return ok
}

// OK is false when the node was not a mapping at all.
func (m *Map) OK() bool { return !m.failed }

// IsList reports whether the value is a sequence.
func (n *Node) IsList() bool {
	_, ok := n.n.(*ast.SequenceNode)
	return ok
}

// List reads n as a sequence; a null value is an empty list.
func (n *Node) List(what string) []*Node {
	if n.IsNull() {
		return nil
	}
	seq, ok := n.n.(*ast.SequenceNode)
	if !ok {
		n.errorf("%s must be a list, found %s", what, n.kind())
		return nil
	}
	out := make([]*Node, 0, min(len(seq.Values), 1024))
	for _, v := range seq.Values {
		if n.d.capped {
			break
		}
		out = append(out, n.d.node(v))
	}
	return out
}

// String reads a scalar as text. Numbers are refused so that `code: 001` is not silently `1`.
func (n *Node) String(what string) (string, bool) {
	switch v := n.n.(type) {
	case *ast.StringNode:
		return v.Value, true
	case *ast.LiteralNode:
		return v.Value.Value, true
	}
	if _, isNum := n.n.(*ast.IntegerNode); isNum {
		n.errorf("%s must be a string, found the number %s (quote it: \"%s\")", what, n.n.String(), n.n.String())
		return "", false
	}
	n.errorf("%s must be a string, found %s", what, n.kind())
	return "", false
}

// OptString reads an optional string: absent or null gives "", false.
func (n *Node) OptString(what string) (string, bool) {
	if n == nil || n.IsNull() {
		return "", false
	}
	return n.String(what)
}

// Bool reads true or false; YAML 1.1 spellings (yes, on, ...) are refused with a hint.
func (n *Node) Bool(what string) (bool, bool) {
	if b, ok := n.n.(*ast.BoolNode); ok {
		return b.Value, true
	}
	if s, ok := n.n.(*ast.StringNode); ok {
		switch strings.ToLower(s.Value) {
		case "yes", "on", "y":
			n.errorf("%s must be true or false, found %q (write true)", what, s.Value)
			return false, false
		case "no", "off", "n":
			n.errorf("%s must be true or false, found %q (write false)", what, s.Value)
			return false, false
		}
	}
	n.errorf("%s must be true or false, found %s", what, n.describe())
	return false, false
}

// Int reads an integer.
func (n *Node) Int(what string) (int, bool) {
	if v, ok := n.IntQuiet(); ok {
		return v, true
	}
	n.errorf("%s must be a whole number, found %s", what, n.describe())
	return 0, false
}

// IntQuiet reads an integer without recording an error when the value is something else.
func (n *Node) IntQuiet() (int, bool) {
	if v, ok := n.n.(*ast.IntegerNode); ok {
		switch x := v.Value.(type) {
		case int64:
			return int(x), true
		case uint64:
			if x <= uint64(^uint(0)>>1) {
				return int(x), true
			}
		}
	}
	return 0, false
}

// Enum reads a string that must be one of allowed.
func (n *Node) Enum(what string, allowed ...string) (string, bool) {
	if _, isStr := n.n.(*ast.StringNode); !isStr {
		n.errorf("%s must be one of %s, found %s", what, strings.Join(allowed, " | "), n.describe())
		return "", false
	}
	s, _ := n.String(what)
	if contains(allowed, s) {
		return s, true
	}
	msg := fmt.Sprintf("%s must be one of %s, found %q", what, strings.Join(allowed, " | "), termsafe.Capped(s))
	if sug := suggest(s, allowed); sug != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", sug)
	}
	n.errorf("%s", msg)
	return "", false
}

// Duration reads a duration written with a unit (90m, 36h, 7d, 2w) and returns seconds. Plain numbers are
// refused: "7" could mean minutes, hours or days depending on which console dialog it was copied from.
func (n *Node) Duration(what string) (int64, bool) {
	if _, isNum := n.n.(*ast.IntegerNode); isNum {
		n.errorf("%s needs a unit: write %sd for days (units: m, h, d, w)", what, n.n.String())
		return 0, false
	}
	s, ok := n.String(what)
	if !ok {
		return 0, false
	}
	secs, err := ParseDuration(s)
	if err != nil {
		n.errorf("%s: %v", what, err)
		return 0, false
	}
	return secs, true
}

// ParseDuration turns "90m", "36h", "7d", "2w" into seconds.
func ParseDuration(s string) (int64, error) {
	units := map[byte]int64{'m': 60, 'h': 3600, 'd': 86400, 'w': 604800}
	s = strings.TrimSpace(s)
	if len(s) < 2 {
		return 0, fmt.Errorf("%q is not a duration; expected a number and a unit, e.g. 90m, 36h, 7d, 2w", s)
	}
	unit, ok := units[s[len(s)-1]]
	if !ok {
		return 0, fmt.Errorf("%q has no known unit; expected a number and one of m, h, d, w (e.g. 7d)", s)
	}
	v, err := strconv.ParseInt(s[:len(s)-1], 10, 64)
	if err != nil || v < 0 || strings.HasPrefix(s, "+") {
		return 0, fmt.Errorf("%q is not a duration; expected a whole number and a unit, e.g. 7d", s)
	}
	if v == 0 {
		return 0, fmt.Errorf("%q is zero; expected a positive duration", s)
	}
	if v > 100*366*86400/unit {
		return 0, fmt.Errorf("%q is longer than 100 years", s)
	}
	return v * unit, nil
}

func (n *Node) describe() string {
	switch v := n.n.(type) {
	case *ast.StringNode:
		return fmt.Sprintf("%q", termsafe.Capped(v.Value))
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode:
		return fmt.Sprint(termsafe.Capped(v.String()))
	}
	return n.kind()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Suggest returns the known word closest to s when it is close enough to be a typo, or "".
func Suggest(s string, known []string) string { return suggest(s, known) }

// suggest returns the known word closest to s when it is close enough to be a typo.
func suggest(s string, known []string) string {
	best, bestDist := "", 1<<30
	for _, k := range known {
		if d := editDistance(strings.ToLower(s), strings.ToLower(k)); d < bestDist {
			best, bestDist = k, d
		}
	}
	limit := 2
	if len(s) > 8 {
		limit = 3
	}
	if bestDist <= limit || (best != "" && (strings.Contains(best, s) || strings.Contains(s, best)) && len(s) >= 3) {
		return best
	}
	return ""
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
