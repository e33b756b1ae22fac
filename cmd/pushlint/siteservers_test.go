package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// siteServersDir holds cases of two site servers' Ccm.logs collected into one folder (SEC01 and SMS01,
// each with its SMS/Logs): README.md there says where every line comes from.
const siteServersDir = "testdata/siteservers"

// TestTwoSiteServersInEitherOrder runs `pushlint check --logs` on the Ccm.logs of a primary site server
// (SMS01, US Eastern time) and a secondary (SEC01, in another zone) that both pushed the client to PC042:
// the whole folder (SEC01 is read first), and each server's folder given in both orders. The findings must
// be the same whatever the order, and decided by UTC time, not by the wall clocks the logs show.
func TestTwoSiteServersInEitherOrder(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		dir  string
		want []string // rule severity subject location
	}{
		// SEC01 (UTC-7) installed the client at 05:06 local, 12:06Z: an hour after SMS01 (UTC-4) failed with
		// error 53 at 07:06 local, 11:06Z. The later install clears the error and the retry.
		{"installed-from-secondary", []string{
			"PL107 info PC042 SEC01/SMS/Logs/ccm.log:6",
		}},
		// SEC01 (UTC+1) installed the client at 11:30 local, 10:30Z: before SMS01 failed at 11:06Z, though
		// its wall clock reads later. An earlier install clears nothing.
		{"secondary-installed-earlier", []string{
			"PL101 error PC042 SMS01/SMS/Logs/ccm.log:5",
			"PL104 warning PC042 SMS01/SMS/Logs/ccm.log:6",
			"PL107 info PC042 SEC01/SMS/Logs/ccm.log:6",
		}},
	} {
		t.Run(tc.dir, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(siteServersDir, tc.dir)
			pri, sec := filepath.Join(dir, "SMS01"), filepath.Join(dir, "SEC01")
			var reports []string
			for _, logs := range [][]string{{dir}, {pri, sec}, {sec, pri}} {
				args := []string{"check", "--format", "json", "--now", "2026-11-25"}
				for _, l := range logs {
					args = append(args, "--logs", l)
				}
				var rep logRuleReport
				runLogRuleCommand(t, &rep, args...)
				checkAdminWords(t, rep.words())
				var got []string
				for _, f := range rep.Findings {
					rel, err := filepath.Rel(dir, f.Location.File)
					if err != nil {
						t.Fatal(err)
					}
					got = append(got, fmt.Sprintf("%s %s %s %s:%d", f.Rule, f.Severity, f.Subject.ID, filepath.ToSlash(rel), f.Location.Line))
				}
				slices.Sort(got)
				if !slices.Equal(got, tc.want) {
					t.Errorf("--logs %s: findings\n%s\nwant\n%s", strings.Join(logs, " --logs "), strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
				}
				// The whole of each finding (message, evidence) is the same in every order.
				var whole []string
				for _, f := range rep.Findings {
					whole = append(whole, fmt.Sprintf("%s %s %v %v", f.Rule, f.Message, f.Location, f.Evidence))
				}
				slices.Sort(whole)
				reports = append(reports, strings.Join(whole, "\n"))
			}
			for _, r := range reports[1:] {
				if r != reports[0] {
					t.Errorf("the findings depend on the order the logs are read in:\n%s\n---\n%s", reports[0], r)
				}
			}
		})
	}
}
