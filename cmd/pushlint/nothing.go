package main

import (
	"fmt"
	"strings"

	"github.com/pushlint/pushlint/facts"
)

// nothingToCheck refuses a run that read nothing: no site description, no client export, no Inboxes folder,
// and no log under the --logs paths (empty folders, or folders whose files are not logs). A CI gate whose
// path was mistyped into an empty folder must fail, not pass as clean (docs/cli.md).
func nothingToCheck(doc *facts.Document) error {
	in := doc.Inputs
	if in.SiteDescription != "" || in.Clients.File != "" || in.Inboxes.Dir != "" {
		return nil
	}
	for _, l := range doc.Logs {
		if l.IsLog() {
			return nil
		}
	}
	const inputs = "give a site description (site.yaml), logs (--logs), a client export (--clients) or an Inboxes folder (--inboxes)"
	if len(in.Logs) == 0 {
		return fmt.Errorf("nothing to check: %s", inputs)
	}
	return fmt.Errorf("nothing to check: --logs %s holds no log (no file, or only files that are not logs); %s", strings.Join(in.Logs, ", "), inputs)
}
