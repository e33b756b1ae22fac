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

// ExistingCCR finds the file in dir that is the CCR for name: named name.ccr, or differently only in case.
// Client Configuration Manager reads Ccr.box on Windows, where PC4.ccr and pc4.ccr are one file; a folder
// written on another system and copied there must not hold both. It returns "" when there is none.
func ExistingCCR(dir, name string) (string, fs.FileInfo, error) {
	want := CCRFileName(name)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", nil, err
	}
	for _, e := range entries {
		if strings.EqualFold(e.Name(), want) {
			p := filepath.Join(dir, e.Name())
			info, err := os.Stat(p) // what a link names is what would be replaced
			if err != nil {
				info, err = os.Lstat(p)
			}
			if err != nil {
				return "", nil, err
			}
			return p, info, nil
		}
	}
	return "", nil, nil
}

// existsError says that the CCR for a machine is already there, and, when its name differs in case, why
// that is the same file.
func existsError(existing, final string) error {
	if filepath.Base(existing) != filepath.Base(final) {
		return fmt.Errorf("%s %w (Windows file names ignore case, so %s is the same file); give --force to replace it",
			existing, ErrCCRExists, filepath.Base(final))
	}
	return fmt.Errorf("%s %w; give --force to replace it", existing, ErrCCRExists)
}

// WriteCCR writes the CCR for name into dir and returns its path. The file appears whole or not at all:
// Client Configuration Manager watches Ccr.box and would pick up a half-written file, so the text goes to
// a temporary file (whose name does not end in .ccr) that is then linked or renamed into place. Without
// force an existing file (of any case) is left alone and ErrCCRExists returned; with force it is replaced
// under its own name, so that the folder keeps one request per machine, and only if it is a regular file.
func WriteCCR(dir, name string, force bool) (string, error) {
	final := filepath.Join(dir, CCRFileName(name))
	existing, info, err := ExistingCCR(dir, name)
	if err != nil {
		return "", fmt.Errorf("writing %s: %w", final, err)
	}
	if existing != "" {
		if !force {
			return "", existsError(existing, final)
		}
		if !info.Mode().IsRegular() {
			return "", fmt.Errorf("writing %s: %s is not a regular file (%s); not replacing it", final, existing, info.Mode().Type())
		}
		final = existing
	}
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
		return "", existsError(final, final)
	}
	if existing, _, _ := ExistingCCR(dir, name); existing != "" {
		return "", existsError(existing, final)
	}
	if err := os.Rename(tmp.Name(), final); err != nil {
		return "", fmt.Errorf("writing %s: %w", final, err)
	}
	return final, nil
}
