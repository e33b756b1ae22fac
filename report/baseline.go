package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/pushlint/pushlint/finding"
	"github.com/pushlint/pushlint/internal/inputfile"
)

// BaselineSummary says how this run compares with the --baseline report.
type BaselineSummary struct {
	File      string `json:"file"`
	New       int    `json:"new"`
	Unchanged int    `json:"unchanged"`
	Fixed     int    `json:"fixed"` // in the baseline, gone from this run
}

// Baseline is the findings of an earlier JSON report, by fingerprint.
type Baseline struct {
	file   string
	counts map[string]int
	total  int
}

// LoadBaseline reads an earlier `--format json` report, checked against the report's JSON Schema (Schema):
// a file that is not a whole pushlint report (a list of bare fingerprints, findings without a rule or
// message) would otherwise mark this run's findings as known and let the gate pass. Errors are
// file:line:column. Findings written before reports carried fingerprints get theirs computed here, with the
// same function that fingerprints this run's findings; a fingerprint that does not match its finding is an
// error.
func LoadBaseline(path string) (*Baseline, error) {
	b, err := inputfile.ReadFile(path, MaxBaselineBytes)
	if err != nil {
		return nil, fmt.Errorf("reading baseline: %w", err)
	}
	return parseBaseline(path, b)
}

// MaxBaselineBytes caps the --baseline file: a JSON report of 100,000 findings is about 150 MB.
const MaxBaselineBytes = 256 << 20

// parseBaseline reads the report one finding at a time, so that checking it costs memory for one finding,
// not for a generic copy of the whole file; only the fingerprints are kept.
func parseBaseline(path string, b []byte) (*Baseline, error) {
	s, err := compiledSchemas()
	if err != nil {
		return nil, err
	}
	errs := &jsonErrors{file: path, data: b}
	bl := &Baseline{file: path, counts: map[string]int{}}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	syntax := func(err error) (*Baseline, error) {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			errs.add(int64(len(b)), "the JSON ends early; expected a whole pushlint JSON report (write one with --format json)")
			return nil, errs.err()
		}
		var se *json.SyntaxError
		if errors.As(err, &se) {
			errs.add(max(se.Offset-1, 0), "invalid JSON: %v", se)
			return nil, errs.err()
		}
		errs.add(dec.InputOffset(), "invalid JSON: %v", err)
		return nil, errs.err()
	}
	tok, err := dec.Token()
	if err != nil {
		return syntax(err)
	}
	if tok != json.Delim('{') {
		errs.add(skipBlanks(b, 0), "not a pushlint JSON report: expected an object with version, tool, findings and summary (write one with --format json)")
		return nil, errs.err()
	}
	seen := map[string]bool{}
	for dec.More() && !errs.full() {
		keyAt := skipBlanks(b, dec.InputOffset())
		tok, err := dec.Token()
		if err != nil {
			return syntax(err)
		}
		key, _ := tok.(string)
		if seen[key] {
			errs.add(keyAt, "key %q appears twice", key)
		}
		seen[key] = true
		at := skipBlanks(b, dec.InputOffset())
		if key == "findings" {
			if err := bl.readFindings(dec, b, s.finding, errs); err != nil {
				return syntax(err)
			}
			continue
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return syntax(err)
		}
		sch, known := s.keys[key]
		if !known {
			errs.add(keyAt, "unknown key %q in a pushlint JSON report (expected version, tool, findings, summary, timelines)", key)
			continue
		}
		if key == "version" {
			var v int
			if json.Unmarshal(raw, &v) == nil && v != FormatVersion {
				errs.add(at, "report version %d; this pushlint reads version %d (write the baseline again with --format json)", v, FormatVersion)
				continue
			}
		}
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
		if err != nil {
			return syntax(err)
		}
		errs.validation(sch.Validate(v), at, raw, []string{key})
	}
	if !errs.full() {
		if _, err := dec.Token(); err != nil {
			return syntax(err)
		}
		after := skipBlanks(b, dec.InputOffset())
		if _, err := dec.Token(); err != io.EOF {
			errs.add(after, "text after the end of the report")
		}
		if seen["runs"] && !seen["findings"] {
			// The other report a CI job keeps: say so rather than list every key SARIF has and a report lacks.
			errs.errs = nil
			errs.add(skipBlanks(b, 0), "this is a SARIF log, not a pushlint JSON report; write the baseline with --format json")
			return nil, errs.err()
		}
		var missing []string
		for _, k := range []string{"version", "tool", "findings", "summary"} {
			if !seen[k] {
				missing = append(missing, k)
			}
		}
		if len(missing) > 0 {
			errs.add(skipBlanks(b, 0), "not a pushlint JSON report: missing %s (write one with --format json)", strings.Join(missing, ", "))
		}
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	return bl, nil
}

// readFindings reads the findings array, checks each finding against the schema and its fingerprint
// against its content, and counts the fingerprints.
func (bl *Baseline) readFindings(dec *json.Decoder, b []byte, sch *jsonschema.Schema, errs *jsonErrors) error {
	at := skipBlanks(b, dec.InputOffset())
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok != json.Delim('[') {
		var raw json.RawMessage
		if tok == json.Delim('{') {
			// Token consumed the brace; the rest of the object is skipped by reading to its end.
			for dec.More() {
				if _, err := dec.Token(); err != nil {
					return err
				}
				if err := dec.Decode(&raw); err != nil {
					return err
				}
			}
			if _, err := dec.Token(); err != nil {
				return err
			}
		}
		errs.add(at, "findings: expected a list of findings")
		return nil
	}
	for i := 0; dec.More(); i++ {
		start := skipBlanks(b, dec.InputOffset())
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return err
		}
		if errs.full() {
			continue
		}
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
		if err != nil {
			return err
		}
		if verr := sch.Validate(v); verr != nil {
			errs.validation(verr, start, raw, []string{"findings", fmt.Sprint(i)})
			continue
		}
		var f finding.Finding
		if err := json.Unmarshal(raw, &f); err != nil {
			errs.add(start, "findings[%d]: %v", i, err)
			continue
		}
		fp := finding.Fingerprint(f)
		if f.Fingerprint != "" && f.Fingerprint != fp {
			errs.add(start+locate(raw, []string{"fingerprint"}), "findings[%d].fingerprint: %s is not the fingerprint of this finding (%s); was the baseline edited? Write it again with --format json", i, f.Fingerprint, fp)
			continue
		}
		bl.counts[fp]++
		bl.total++
	}
	_, err = dec.Token() // ]
	return err
}

// Mark sets each finding's Baseline state. A fingerprint seen n times in the baseline makes at most n
// findings of this run "unchanged": a second occurrence of a known problem is new.
func (bl *Baseline) Mark(findings []finding.Finding) BaselineSummary {
	left := make(map[string]int, len(bl.counts))
	for fp, n := range bl.counts {
		left[fp] = n
	}
	s := BaselineSummary{File: bl.file}
	for i := range findings {
		fp := findings[i].Fingerprint
		if left[fp] > 0 {
			left[fp]--
			findings[i].Baseline = finding.BaselineUnchanged
			s.Unchanged++
			continue
		}
		findings[i].Baseline = finding.BaselineNew
		s.New++
	}
	s.Fixed = bl.total - s.Unchanged
	return s
}
