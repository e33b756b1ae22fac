package inboxes

// The writing half of the CCR format whose reading half is parse.go: a CCR written by hand, the way KB 925282
// ("Use a CCR file to manually trigger the client installation") has an administrator type it in Notepad: the
// line [NT Client Configuration Request] and the line Machine Name=<NetBIOS name>, with Windows line endings.
// Dropped into SMS\Inboxes\Ccr.box, such a file makes Client Configuration Manager push the client.

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/pushlint/pushlint/facts/machine"
)

// CCRContent is the text of a CCR for the machine.
func CCRContent(name string) []byte {
	return []byte("[" + RequestSection + "]\r\nMachine Name=" + name + "\r\n")
}

// CCRFileName is the name of the CCR file for the machine. A checked NetBIOS name holds no path separator
// or character Windows forbids in file names, and no device name, so it is a safe file name as it is.
func CCRFileName(name string) string { return name + ".ccr" }

// CheckMachineNames validates the names a person asked for: each a valid NetBIOS name, none given twice (names and
// file names on Windows are compared without regard to case).
func CheckMachineNames(names []string) error {
	var problems []string
	seen := map[string]string{}
	for _, n := range names {
		if err := machine.CheckNetBIOS(n); err != nil {
			problems = append(problems, err.Error())
			continue
		}
		if first, dup := seen[strings.ToUpper(n)]; dup {
			problems = append(problems, fmt.Sprintf("machine name %q is given twice (as %q too)", n, first))
			continue
		}
		seen[strings.ToUpper(n)] = n
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "\n"))
	}
	return nil
}

// ErrCCRExists is returned when a CCR file is already there and overwriting was not asked for.
var ErrCCRExists = errors.New("already exists")

// WriteCCR writes the CCR for name into dir and returns its path. The file appears whole or not at all:
// Client Configuration Manager watches Ccr.box and would pick up a half-written file, so the text goes to
// a temporary file (whose name does not end in .ccr) that is then linked or renamed into place. Without
// force an existing file is left alone and ErrExists returned.
func WriteCCR(dir, name string, force bool) (string, error) {
	final := filepath.Join(dir, CCRFileName(name))
	tmp, err := os.CreateTemp(dir, "."+CCRFileName(name)+".*.tmp")
	if err != nil {
		return "", fmt.Errorf("writing %s: %w", final, err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if _, err := tmp.Write(CCRContent(name)); err != nil {
		tmp.Close()
		return "", fmt.Errorf("writing %s: %w", final, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return "", fmt.Errorf("writing %s: %w", final, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return "", fmt.Errorf("writing %s: %w", final, err)
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("writing %s: %w", final, err)
	}
	if force {
		if err := os.Rename(tmp.Name(), final); err != nil {
			return "", fmt.Errorf("writing %s: %w", final, err)
		}
		return final, nil
	}
	// A hard link fails if the name is taken, which makes "do not overwrite" atomic. Some shares cannot
	// link; there a check before the rename has to do.
	err = os.Link(tmp.Name(), final)
	switch {
	case err == nil:
		return final, nil
	case errors.Is(err, fs.ErrExist):
		return "", fmt.Errorf("%s %w; give --force to replace it", final, ErrCCRExists)
	}
	if _, serr := os.Lstat(final); serr == nil {
		return "", fmt.Errorf("%s %w; give --force to replace it", final, ErrCCRExists)
	}
	if err := os.Rename(tmp.Name(), final); err != nil {
		return "", fmt.Errorf("writing %s: %w", final, err)
	}
	return final, nil
}
