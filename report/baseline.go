package report

import (
	"encoding/json"
	"fmt"

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

// LoadBaseline reads an earlier `--format json` report. Findings written before reports carried
// fingerprints get theirs computed here, with the same function that fingerprints this run's findings.
func LoadBaseline(path string) (*Baseline, error) {
	b, err := inputfile.ReadFile(path, MaxBaselineBytes)
	if err != nil {
		return nil, fmt.Errorf("reading baseline: %w", err)
	}
	return parseBaseline(path, b)
}

// MaxBaselineBytes caps the --baseline file: a JSON report of 100,000 findings is about 150 MB.
const MaxBaselineBytes = 256 << 20

func parseBaseline(path string, b []byte) (*Baseline, error) {
	var rep struct {
		Version  *int              `json:"version"`
		Findings []finding.Finding `json:"findings"`
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		return nil, fmt.Errorf("baseline %s: not a pushlint JSON report (%v); write one with --format json", path, err)
	}
	if rep.Version == nil || rep.Findings == nil {
		return nil, fmt.Errorf("baseline %s: not a pushlint JSON report (no version or findings); write one with --format json", path)
	}
	if *rep.Version != FormatVersion {
		return nil, fmt.Errorf("baseline %s: report version %d; this pushlint reads version %d", path, *rep.Version, FormatVersion)
	}
	bl := &Baseline{file: path, counts: map[string]int{}}
	for _, f := range rep.Findings {
		fp := f.Fingerprint
		if fp == "" {
			fp = finding.Fingerprint(f)
		}
		bl.counts[fp]++
		bl.total++
	}
	return bl, nil
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
