package timeline

import (
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"
)

// DataPath is where the stage table lives in the policy tree (pushlint.Policies).
const DataPath = "pushlint/timeline/data.yaml"

// Statuses of a step.
const (
	StatusOK      = "ok"       // the inputs show the stage done
	StatusPending = "pending"  // started or waiting, with no outcome yet
	StatusFailed  = "failed"   // the inputs show the stage failing, with nothing later to undo it
	StatusNotSeen = "not seen" // no input shows the stage: not evidence of failure
)

// What of a client export can show a stage (the `clients` key of a stage).
const (
	ClientRecord        = "record"
	ClientInstalled     = "client"
	ClientAssigned      = "assigned"
	ClientLastHeartbeat = "last_heartbeat"
)

// Stage is one stage of a push, as the table describes it.
type Stage struct {
	ID      string   `yaml:"id"`
	Title   string   `yaml:"title"`
	What    string   `yaml:"what"`
	ShownBy string   `yaml:"shown_by"`
	Logs    []string `yaml:"logs"`
	Clients []string `yaml:"clients"`
	Inboxes bool     `yaml:"inboxes"`
	// Steps name the stage by what failed when a failed event of one of these types decides it: a WMI
	// failure after ADMIN$ connected is "WMI connect", not "ADMIN$/IPC$ connect".
	Steps  map[string]string `yaml:"steps"`
	Events struct {
		OK      []string          `yaml:"ok"`
		Pending []string          `yaml:"pending"`
		Failed  []string          `yaml:"failed"`
		ByCode  map[string]ByCode `yaml:"by_code"`
	} `yaml:"events"`
}

// ByCode gives an event's status from a result code it carries.
type ByCode struct {
	Field string  `yaml:"field"`
	OK    []int64 `yaml:"ok"`
}

// Stages is the whole table, checked, with an index from event type to what it says.
type Stages struct {
	Version int     `yaml:"version"`
	List    []Stage `yaml:"stages"`
	byType  map[string]eventRule
}

// eventRule is what one event type says: which stage, and how to read its status.
type eventRule struct {
	stage  int
	status string  // ok | pending | failed; "" when by code
	byCode *ByCode // set for by_code types
}

var knownClientSources = map[string]bool{ClientRecord: true, ClientInstalled: true, ClientAssigned: true, ClientLastHeartbeat: true}

// Load reads and checks the stage table in a policy tree.
func Load(fsys fs.FS) (*Stages, error) {
	b, err := fs.ReadFile(fsys, DataPath)
	if err != nil {
		return nil, fmt.Errorf("reading the timeline stages: %w", err)
	}
	return Parse(DataPath, b)
}

// Parse reads a stage table; name is the file it came from, for errors.
func Parse(name string, b []byte) (*Stages, error) {
	var s Stages
	if err := yaml.UnmarshalWithOptions(b, &s, yaml.Strict()); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if problems := s.index(); len(problems) > 0 {
		return nil, fmt.Errorf("%s: %s", name, strings.Join(problems, "; "))
	}
	return &s, nil
}

func (s *Stages) index() []string {
	var problems []string
	if s.Version != 1 {
		problems = append(problems, fmt.Sprintf("version %d: expected 1", s.Version))
	}
	if len(s.List) == 0 {
		problems = append(problems, "no stages")
	}
	s.byType = map[string]eventRule{}
	ids := map[string]bool{}
	add := func(i int, typ string, r eventRule) {
		if prev, ok := s.byType[typ]; ok {
			problems = append(problems, fmt.Sprintf("event type %s is listed twice (stages %s and %s)", typ, s.List[prev.stage].ID, s.List[i].ID))
			return
		}
		s.byType[typ] = r
	}
	for i, st := range s.List {
		switch {
		case st.ID == "":
			problems = append(problems, fmt.Sprintf("stage %d has no id", i+1))
		case ids[st.ID]:
			problems = append(problems, fmt.Sprintf("stage %s is listed twice", st.ID))
		}
		ids[st.ID] = true
		if st.Title == "" || st.What == "" || st.ShownBy == "" {
			problems = append(problems, fmt.Sprintf("stage %s: title, what and shown_by are required", st.ID))
		}
		for _, c := range st.Clients {
			if !knownClientSources[c] {
				problems = append(problems, fmt.Sprintf("stage %s: clients %q: expected record, client, assigned or last_heartbeat", st.ID, c))
			}
		}
		for status, types := range map[string][]string{StatusOK: st.Events.OK, StatusPending: st.Events.Pending, StatusFailed: st.Events.Failed} {
			for _, t := range types {
				add(i, t, eventRule{stage: i, status: status})
			}
		}
		failed := map[string]bool{}
		for _, t := range st.Events.Failed {
			failed[t] = true
		}
		for t, title := range st.Steps {
			if _, byCode := st.Events.ByCode[t]; !failed[t] && !byCode {
				problems = append(problems, fmt.Sprintf("stage %s: steps names %s, which is none of its failed or by_code events", st.ID, t))
			}
			if title == "" {
				problems = append(problems, fmt.Sprintf("stage %s: steps %s has no title", st.ID, t))
			}
		}
		for t, bc := range st.Events.ByCode {
			if bc.Field == "" || len(bc.OK) == 0 {
				problems = append(problems, fmt.Sprintf("stage %s: by_code %s needs a field and the codes that mean success", st.ID, t))
			}
			add(i, t, eventRule{stage: i, byCode: &bc})
		}
	}
	// Map iteration makes duplicate reports come in any order; the message must not.
	sort.Strings(problems)
	return problems
}

// Types lists every event type the table maps, sorted.
func (s *Stages) Types() []string {
	out := make([]string, 0, len(s.byType))
	for t := range s.byType {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}
