package report

import (
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/pushlint/pushlint/finding"
)

func init() { Register("gitlab", func(o Options) Writer { return gitlabWriter{base: o.BaseDir} }) }

// gitlabWriter writes a GitLab Code Quality report (the artifacts:reports:codequality JSON of a CI job):
// an array of issues, each with a description, a check name, a fingerprint GitLab compares between the
// merge request and its target branch, a severity and a location in the repository. Waived findings are
// left out, as in the GitHub annotations: they were accepted.
type gitlabWriter struct{ base string }

// GitLabIssue is one entry of a Code Quality report, with the fields GitLab documents as required.
type GitLabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"` // info | minor | major | critical | blocker
	Location    GitLabLocation `json:"location"`
}

// GitLabLocation is a file of the repository and the line an issue starts at.
type GitLabLocation struct {
	Path  string      `json:"path"`
	Lines GitLabLines `json:"lines"`
}

// GitLabLines holds the first line of an issue (1 when the finding names a file but no line).
type GitLabLines struct {
	Begin int `json:"begin"`
}

// gitlabSeverity maps pushlint's severities onto GitLab's scale: an error fails the push (critical), a
// warning is likely to (major), info is informational.
func gitlabSeverity(s string) string {
	switch s {
	case "error":
		return "critical"
	case "warning":
		return "major"
	}
	return "info"
}

func (gw gitlabWriter) Write(w io.Writer, r *Report) error {
	issues := []GitLabIssue{}
	for _, f := range r.Findings {
		if f.Waived {
			continue
		}
		issues = append(issues, GitLabIssue{
			Description: f.Rule + " " + f.Message,
			CheckName:   f.Rule,
			Fingerprint: f.Fingerprint, // stable across runs, and names the subject (finding.Fingerprint)
			Severity:    gitlabSeverity(f.Severity),
			Location:    gw.location(f, r),
		})
	}
	// What the run changed about the rules shows in the merge request too, as info at the line that asked
	// for it (.pushlint.yaml, the user's policy file) when there is one.
	for _, c := range r.Summary.ChangedRules {
		file, line := changeSource(c)
		if file == "" {
			file, line = r.Summary.Inputs.SiteDescription, 1
		}
		if file == "" {
			file = "site.yaml"
		}
		path, _ := ciPath(gw.base, file)
		sum := md5.Sum([]byte("pushlint change\x00" + c.Message))
		issues = append(issues, GitLabIssue{
			Description: "pushlint: " + c.Message,
			CheckName:   "pushlint/" + c.Kind,
			Fingerprint: hex.EncodeToString(sum[:]),
			Severity:    "info",
			Location:    GitLabLocation{Path: strings.TrimPrefix(path, "./"), Lines: GitLabLines{Begin: max(line, 1)}},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(issues)
}

// changeSource is the file and line that asked for a change: file:line:col of .pushlint.yaml, or the user's
// policy file; "" for a flag.
func changeSource(c finding.Change) (string, int) {
	if m := sourceRE.FindStringSubmatch(c.Source); m != nil {
		line, _ := strconv.Atoi(m[2])
		return m[1], line
	}
	if c.File != "" {
		return c.File, 1
	}
	return "", 0
}

var sourceRE = regexp.MustCompile(`^(.+):(\d+):\d+$`)

// location is where the finding points, relative to the repository. GitLab requires a path on every issue;
// a finding that names no file (a machine's state from a client export) is placed on the site
// description, the file that the change under review touches.
func (gw gitlabWriter) location(f finding.Finding, r *Report) GitLabLocation {
	file, line := primaryPosition(f)
	if file == "" {
		file = r.Summary.Inputs.SiteDescription
	}
	if file == "" {
		file = "site.yaml"
	}
	path, _ := ciPath(gw.base, file)
	return GitLabLocation{Path: strings.TrimPrefix(path, "./"), Lines: GitLabLines{Begin: max(line, 1)}}
}
