package facts

// This file is a stand-in until facts/logs has its readers. It reads just enough for pushlint's own
// end-to-end tests (plain text lines, single-line CMTrace records, the SMS server format) and none of what
// real files need (UTF-16, multi-line records, Trace32 copies, MSI logs). Delete it once DefaultLogReader
// points at the real reader.

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/pushlint/pushlint/facts/logs"
)

var (
	interimCMTrace = regexp.MustCompile(`^<!\[LOG\[(.*)\]LOG\]!><time="(\d{2}):(\d{2}):(\d{2})\.\d{1,3}([+-]\d{1,4})" date="(\d{1,2})-(\d{1,2})-(\d{4})" component="([^"]*)" context="[^"]*" type="(\d)" thread="(\d+)"`)
	interimServer  = regexp.MustCompile(`^(.*?)~?\s*\$\$<([^>]*)><(\d{2})-(\d{2})-(\d{4}) (\d{2}):(\d{2}):(\d{2})\.\d{3}([+-]\d{1,4})><thread=(\d+)`)
)

func interimReadLogs(paths []string, fn func(logs.Entry) error) error {
	for _, p := range paths {
		files, err := interimFiles(p)
		if err != nil {
			return err
		}
		for _, f := range files {
			if err := interimReadFile(f, fn); err != nil {
				return err
			}
		}
	}
	return nil
}

// interimFiles lists a folder's *.log and *.lo_ files, a rolled-over X.lo_ before its X.log.
func interimFiles(p string) ([]string, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return []string{p}, nil
	}
	var out []string
	err = filepath.WalkDir(p, func(f string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		ext := strings.ToLower(filepath.Ext(f))
		if !d.IsDir() && (ext == ".log" || ext == ".lo_") {
			out = append(out, f)
		}
		return nil
	})
	key := func(f string) string {
		k := strings.ToLower(f)
		if strings.HasSuffix(k, ".lo_") {
			return strings.TrimSuffix(k, ".lo_") + ".log\x00"
		}
		return k + "\x01"
	}
	sort.Slice(out, func(i, j int) bool { return key(out[i]) < key(out[j]) })
	return out, err
}

func interimReadFile(path string, fn func(logs.Entry) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if n == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		if err := fn(interimEntry(path, n, line)); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func interimEntry(path string, n int, line string) logs.Entry {
	e := logs.Entry{File: path, Line: n, EndLine: n, Format: logs.FormatPlain, Message: strings.TrimSpace(line)}
	atoi := func(s string) int { v, _ := strconv.Atoi(s); return v }
	if m := interimCMTrace.FindStringSubmatch(line); m != nil {
		local := time.Date(atoi(m[8]), time.Month(atoi(m[6])), atoi(m[7]), atoi(m[2]), atoi(m[3]), atoi(m[4]), 0, time.UTC)
		e.Format, e.Message, e.Component, e.Bias = logs.FormatCMTrace, m[1], m[9], m[5]
		e.Time, e.HasTime = local.Add(time.Duration(atoi(m[5]))*time.Minute), true
		e.Level, e.Thread = logs.Level(atoi(m[10])), atoi(m[11])
	} else if m := interimServer.FindStringSubmatch(line); m != nil {
		local := time.Date(atoi(m[5]), time.Month(atoi(m[3])), atoi(m[4]), atoi(m[6]), atoi(m[7]), atoi(m[8]), 0, time.UTC)
		e.Format, e.Message, e.Component, e.Bias = logs.FormatSMSServer, strings.TrimSpace(m[1]), m[2], m[9]
		e.Time, e.HasTime = local.Add(time.Duration(atoi(m[9]))*time.Minute), true
		e.Thread = atoi(m[10])
	}
	return e
}
