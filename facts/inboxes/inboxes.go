// Package inboxes reads the client configuration requests (CCR files) waiting in an SMS site server's
// Inboxes folder: new requests in Ccr.box, the one being processed in Ccr.box\Inproc, and the failed
// ones in Ccrretry.box, which Client Configuration Manager retries every 60 minutes for 168 tries (seven
// days, KB 925282 "Pre-installation phase", step 6). A malformed CCR is a fact to report, not a reason to stop.
package inboxes

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/pushlint/pushlint/facts/machine"
	"github.com/pushlint/pushlint/internal/inputfile"
	"github.com/pushlint/pushlint/internal/strictyaml"
)

// Location is a line of a CCR file.
type Location = strictyaml.Location

// The queues, named as Ccm.log names them ("Stored request ..., in queue "Retry"").
const (
	QueueIncoming   = "incoming"   // Ccr.box
	QueueProcessing = "processing" // Ccr.box\Inproc
	QueueRetry      = "retry"      // Ccrretry.box
)

// MaxCCRBytes is far above any real CCR (a few hundred bytes); a larger file is not read.
const MaxCCRBytes = 1 << 20

// CCRFile is one file found in an inbox queue.
type CCRFile struct {
	File   string `json:"file"`   // path as found under the folder given
	Name   string `json:"name"`   // file name
	Folder string `json:"folder"` // the inbox folder as spelled on disk (Ccr.box, Inproc, Ccrretry.box)
	Queue  string `json:"queue"`  // incoming | processing | retry

	MachineName *string `json:"machine_name"` // the Machine Name= value; nil when the file has none
	FileMachine string  `json:"file_machine"` // the machine a Ccrretry.box file is renamed to; "" elsewhere
	Machine     string  `json:"machine"`      // join key (machine.Key) of MachineName, else of FileMachine

	Modified        string `json:"modified"` // file time, RFC 3339 UTC
	ModifiedSeconds int64  `json:"modified_seconds"`
	AgeSeconds      int64  `json:"age_seconds"` // --now minus the file time when TimeKnown; 0 otherwise
	// TimeKnown says whether the file time can date the CCR (see judgeFileTimes).
	TimeKnown bool   `json:"time_known"`
	Size      int64  `json:"size"`
	Encoding  string `json:"encoding"`

	Valid      bool              `json:"valid"`      // has the section and a usable Machine Name=
	Problems   []Problem         `json:"problems"`   // why it is not valid
	Sections   []string          `json:"sections"`   // section names in file order
	Properties map[string]string `json:"properties"` // keys of [NT Client Configuration Request] as written

	Location Location `json:"location"` // the Machine Name= line, or the first problem's line
	Text     string   `json:"text"`     // that line as written, for evidence

	request bool // the text is a client configuration request, well formed or not (section or Machine Name=)
}

// Problem is one reason a CCR cannot be processed.
type Problem struct {
	Line    int    `json:"line"`
	Message string `json:"message"`
}

// Folder is one inbox queue folder that was found.
type Folder struct {
	Queue string `json:"queue"`
	Path  string `json:"path"`
	Files int    `json:"files"` // CCR files read from it
}

// Source describes what was read.
type Source struct {
	Dir     string   `json:"dir"`
	Folders []Folder `json:"folders"`
	Notes   []string `json:"notes"` // files skipped, and why
}

// Inboxes is everything read from one Inboxes folder.
type Inboxes struct {
	Source Source
	Files  []CCRFile
}

// NoSource is the Source of a run without --inboxes.
func NoSource() Source { return Source{Folders: []Folder{}, Notes: []string{}} }

// Load reads the inbox queues under dir. dir may be the SMS\Inboxes folder, the SMS folder above it, or
// one queue folder itself. now is the run's current time (--now), against which ages are measured.
func Load(dir string, now time.Time) (*Inboxes, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("reading inboxes: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("reading inboxes: %s is not a folder; give the SMS\\Inboxes folder that holds Ccr.box and Ccrretry.box", dir)
	}
	queues, err := findQueues(dir)
	if err != nil {
		return nil, err
	}
	if len(queues) == 0 {
		return nil, fmt.Errorf("reading inboxes: %s has no Ccr.box or Ccrretry.box folder; give the SMS\\Inboxes folder of the site server", dir)
	}
	in := &Inboxes{Source: NoSource(), Files: []CCRFile{}}
	in.Source.Dir = dir
	for _, q := range queues {
		files, notes, err := readQueue(q, now)
		if err != nil {
			return nil, err
		}
		in.Source.Folders = append(in.Source.Folders, Folder{Queue: q.queue, Path: q.path, Files: len(files)})
		in.Source.Notes = append(in.Source.Notes, notes...)
		in.Files = append(in.Files, files...)
	}
	in.Source.Notes = append(in.Source.Notes, judgeFileTimes(in.Files, now)...)
	return in, nil
}

// copyTimeSpread is how close the file times of CCRs in different queues must be to be taken for one copy.
const copyTimeSpread = 2 // seconds

// judgeFileTimes decides whether each CCR's file time can date it, and says why not. A CCR has no date of
// its own that SMS 2003 is known to write, so its age is measured from its file time; that time is the site
// server's only when the file was copied with its times (robocopy /COPY:DAT, a zip). A file time after now
// cannot be when the site got the CCR. And Client Configuration Manager moves a failed CCR to Ccrretry.box
// at another time than a new one arrives in Ccr.box, so CCRs of two or more queues that all carry one time
// were written together, by a copy without times or a git checkout: their age is unknown (PL306 and PL307
// say nothing rather than measure the copy). A single queue's files may share a second legitimately
// (Discovery Data Manager writes many CCRs at once), so that alone proves nothing.
func judgeFileTimes(files []CCRFile, now time.Time) []string {
	var notes []string
	queues := map[string]bool{}
	lo, hi := int64(0), int64(0)
	for i := range files {
		f := &files[i]
		// A time after now is said by time_known, not by a note: a check of an old collection with --now
		// meets it on every file, and the copy note below names the usual cause.
		f.TimeKnown = f.ModifiedSeconds <= now.Unix()
		queues[f.Queue] = true
		if i == 0 || f.ModifiedSeconds < lo {
			lo = f.ModifiedSeconds
		}
		if i == 0 || f.ModifiedSeconds > hi {
			hi = f.ModifiedSeconds
		}
	}
	if len(queues) >= 2 && hi-lo <= copyTimeSpread {
		for i := range files {
			files[i].TimeKnown = false
		}
		notes = append(notes, fmt.Sprintf("inboxes: the %d CCR files of %d queues all carry one file time, as a copy without file times or a git checkout leaves them: not when the site got them, so their ages are not judged (PL306, PL307); copy the inboxes with their times (robocopy /COPY:DAT, a zip)",
			len(files), len(queues)))
	}
	for i := range files {
		if !files[i].TimeKnown {
			files[i].AgeSeconds = 0
		}
	}
	return notes
}

type queueDir struct {
	queue string
	path  string
}

// findQueues locates the queue folders, whatever their case (Windows folder names are case-insensitive
// and copies keep whichever spelling the server had: CCR.BOX, ccr.box, Ccr.box).
func findQueues(dir string) ([]queueDir, error) {
	switch strings.ToLower(filepath.Base(filepath.Clean(dir))) {
	case "ccr.box":
		qs := []queueDir{{QueueIncoming, dir}}
		if p, ok := child(dir, "inproc"); ok {
			qs = append(qs, queueDir{QueueProcessing, p})
		}
		return qs, nil
	case "inproc":
		return []queueDir{{QueueProcessing, dir}}, nil
	case "ccrretry.box":
		return []queueDir{{QueueRetry, dir}}, nil
	}
	root := dir
	if _, ok := child(dir, "ccr.box"); !ok {
		if _, ok := child(dir, "ccrretry.box"); !ok {
			if p, ok := child(dir, "inboxes"); ok {
				root = p
			}
		}
	}
	var qs []queueDir
	if p, ok := child(root, "ccr.box"); ok {
		qs = append(qs, queueDir{QueueIncoming, p})
		if ip, ok := child(p, "inproc"); ok {
			qs = append(qs, queueDir{QueueProcessing, ip})
		}
	}
	if p, ok := child(root, "ccrretry.box"); ok {
		qs = append(qs, queueDir{QueueRetry, p})
	}
	return qs, nil
}

// child finds the sub-folder of dir named name, compared without regard to case.
func child(dir, name string) (string, bool) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", false
	}
	for _, e := range entries {
		if e.IsDir() && strings.EqualFold(e.Name(), name) {
			return filepath.Join(dir, e.Name()), true
		}
	}
	return "", false
}

// notRequest says whether a name is one of the files a queue folder holds that are never requests: a
// temporary file being written, and what Windows Explorer leaves in folders.
func notRequest(name string) bool {
	lower := strings.ToLower(name)
	return strings.HasSuffix(lower, ".tmp") || lower == "desktop.ini" || lower == "thumbs.db"
}

// misnamed records that the file holds a request under a name its queue does not process.
func (f *CCRFile) misnamed(queue string) {
	expected := "ends in .ccr"
	if queue == QueueRetry {
		expected = "is the machine's name, with no extension or .ccr"
	}
	// The name it was meant to have: PC042.ccr.txt was PC042.ccr.
	stem := f.Name
	for ext := filepath.Ext(stem); ext != ""; ext = filepath.Ext(stem) {
		stem = strings.TrimSuffix(stem, ext)
		if strings.EqualFold(ext, ".ccr") {
			break
		}
	}
	if stem == "" {
		stem = "NAME"
	}
	hint := fmt.Sprintf("rename it to %s.ccr", stem)
	if queue == QueueRetry {
		hint = fmt.Sprintf("rename it to %s", stem)
	}
	if strings.HasSuffix(strings.ToLower(f.Name), ".txt") && queue != QueueRetry {
		hint = fmt.Sprintf("Notepad added .txt: rename it to %s.ccr, or save it with the name in quotes (\"%s.ccr\") as KB 925282 says", stem, stem)
	}
	problem := Problem{Line: 1, Message: fmt.Sprintf("is named %s: Client Configuration Manager processes only a file whose name %s, so it never picks this one up (%s)", f.Name, expected, hint)}
	f.Problems = append([]Problem{problem}, f.Problems...)
	f.Valid = false
	f.Location.Line = 1
}

// isCCRName says whether a file in the queue is a request. Ccr.box and Inproc hold *.ccr files; in
// Ccrretry.box a failed request is renamed to its machine name, with no extension, or keeps .CCR, and
// Ccm.log calls the retried request "<machine>.KRC".
func isCCRName(queue, name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	if queue != QueueRetry {
		return ext == ".ccr"
	}
	return ext == "" || ext == ".ccr" || ext == ".krc"
}

func readQueue(q queueDir, now time.Time) ([]CCRFile, []string, error) {
	entries, err := os.ReadDir(q.path)
	if err != nil {
		return nil, nil, fmt.Errorf("reading inboxes: %w", err)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	var files []CCRFile
	var notes []string
	for _, e := range entries {
		p := filepath.Join(q.path, e.Name())
		if e.IsDir() {
			if !(q.queue == QueueIncoming && strings.EqualFold(e.Name(), "inproc")) {
				notes = append(notes, fmt.Sprintf("%s: folder skipped; only Ccr.box\\Inproc is read below an inbox", p))
			}
			continue
		}
		if !e.Type().IsRegular() {
			notes = append(notes, fmt.Sprintf("%s: not a regular file; skipped", p))
			continue
		}
		named := isCCRName(q.queue, e.Name())
		if !named && notRequest(e.Name()) {
			notes = append(notes, fmt.Sprintf("%s: not a CCR file name; skipped", p))
			continue
		}
		f, err := readCCR(p, q, now)
		if err != nil {
			// The site server keeps working while its inboxes are read (over a share, or a copy being made):
			// Client Configuration Manager moves and deletes requests. A file gone or locked is a note, not
			// a reason to lose the others.
			notes = append(notes, fmt.Sprintf("%s: %v; skipped", p, err))
			continue
		}
		if !named {
			// A request under a name the site never picks up is the KB's own manual-CCR mistake (Notepad saves
			// test.ccr as test.ccr.txt): a malformed CCR. Any other file is not ours to judge.
			if !f.request {
				notes = append(notes, fmt.Sprintf("%s: not a CCR file name; skipped", p))
				continue
			}
			f.misnamed(q.queue)
		}
		files = append(files, f)
	}
	return files, notes, nil
}

// readCCR reads one request. Its errors say why the file could not be read at all: gone since the folder
// was listed, not readable, or no longer a regular file.
func readCCR(path string, q queueDir, now time.Time) (CCRFile, error) {
	fh, info, err := inputfile.Open(path)
	if err != nil {
		return CCRFile{}, describeOpenError(err)
	}
	defer fh.Close()
	mod := info.ModTime().UTC()
	f := CCRFile{
		File: path, Name: info.Name(), Folder: filepath.Base(q.path), Queue: q.queue,
		Modified: mod.Format(time.RFC3339), ModifiedSeconds: mod.Unix(), AgeSeconds: now.Unix() - mod.Unix(),
		Size: info.Size(), Problems: []Problem{}, Sections: []string{}, Properties: map[string]string{},
		Location: Location{File: path, Line: 1, Column: 1},
	}
	if q.queue == QueueRetry {
		f.FileMachine = strings.TrimSuffix(info.Name(), filepath.Ext(info.Name()))
	}
	if info.Size() > MaxCCRBytes {
		f.Problems = append(f.Problems, Problem{Line: 1, Message: fmt.Sprintf("is %d bytes, far more than a CCR holds; not read", info.Size())})
	} else {
		b, err := io.ReadAll(io.LimitReader(fh, MaxCCRBytes))
		if err != nil {
			return f, describeOpenError(err)
		}
		parse(&f, b)
	}
	f.Valid = len(f.Problems) == 0
	switch {
	case f.MachineName != nil && *f.MachineName != "":
		f.Machine = machine.Key(*f.MachineName)
	default:
		f.Machine = machine.Key(f.FileMachine)
	}
	return f, nil
}

// describeOpenError says why a file listed in a queue could not be read, without repeating its path.
func describeOpenError(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("gone since the folder was listed (processed by Client Configuration Manager?)")
	case errors.Is(err, fs.ErrPermission):
		return errors.New("cannot be read: permission denied")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("cannot be read: %w", err)
}
