// Command loadgen writes generated inputs for pushlint's benchmarks (internal/loadgen): a site description,
// a central site's Ccm.log with its rollovers, a client export and clients' ccmsetup.log files. Same flags,
// same bytes.
//
//	go run ./scripts/loadgen -out /tmp/bench -machines 100000 -log-bytes 1G -rollover 64M -clients 100000
//	go run ./scripts/loadgen -stdout -machines 10000 -log-bytes 10G | pushlint logs - --format json
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/pushlint/pushlint/internal/loadgen"
)

func main() {
	var t loadgen.Tree
	var out, logBytes, rollover string
	var stdout bool
	flag.StringVar(&out, "out", "", "folder to write site.yaml, collect-NNN/ccm.lo_|ccm.log, clients.csv and clients/ into")
	flag.BoolVar(&stdout, "stdout", false, "write only Ccm.log, to standard output (for a log larger than the disk)")
	flag.Uint64Var(&t.Seed, "seed", 1, "seed: the same seed and flags write the same bytes")
	flag.IntVar(&t.Machines, "machines", 1000, "machines pushed to")
	flag.IntVar(&t.FailPercent, "fail", 20, "percent of the machines whose push fails and is retried hourly")
	flag.IntVar(&t.MaxAttempts, "max-attempts", 24, "most attempts of a failing machine (168: seven days)")
	flag.IntVar(&t.RecoverPercent, "recover", 50, "percent of failing machines that succeed at their last attempt")
	flag.IntVar(&t.NoisePerCCR, "noise", 2, "routine lines between two requests")
	flag.IntVar(&t.PerHour, "per-hour", 0, "new machines pushed to per hour (default machines/24)")
	flag.StringVar(&t.Format, "format", "cmtrace", "Ccm.log format: cmtrace or server")
	flag.IntVar(&t.Bias, "bias", -60, "timezone bias of the site server, minutes")
	flag.StringVar(&logBytes, "log-bytes", "", "size of Ccm.log (e.g. 1G): machines are pushed to again until it is reached")
	flag.StringVar(&rollover, "rollover", "", "size at which Ccm.log rolls over to ccm.lo_ (e.g. 64M); default one file")
	flag.IntVar(&t.Clients, "clients", 0, "rows of the client export")
	flag.IntVar(&t.ClientLogs, "client-logs", 0, "clients whose ccmsetup.log is collected")
	flag.IntVar(&t.Sites, "sites", 0, "secondary sites below the central one")
	flag.Parse()
	var err error
	if t.Bytes, err = parseSize(logBytes); err != nil {
		fail("-log-bytes: %v", err)
	}
	if t.RolloverBytes, err = parseSize(rollover); err != nil {
		fail("-rollover: %v", err)
	}
	if stdout {
		w := bufio.NewWriterSize(os.Stdout, 1<<20)
		if _, err := loadgen.WriteCCM(t.Config, loadgen.WriterSink{W: w}); err != nil {
			fail("%v", err)
		}
		if err := w.Flush(); err != nil {
			fail("%v", err)
		}
		return
	}
	if out == "" {
		fail("give -out FOLDER or -stdout")
	}
	wr, err := loadgen.WriteTree(t, out)
	if err != nil {
		fail("%v", err)
	}
	fmt.Printf("%s: Ccm.log %d bytes in %d file(s); site %s", out, wr.LogBytes, len(wr.LogFiles), wr.Site)
	if wr.Clients != "" {
		fmt.Printf("; %s", wr.Clients)
	}
	if wr.ClientLogs != "" {
		fmt.Printf("; %s/", wr.ClientLogs)
	}
	fmt.Println()
}

func parseSize(s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "K"):
		mult, s = 1<<10, strings.TrimSuffix(s, "K")
	case strings.HasSuffix(s, "M"):
		mult, s = 1<<20, strings.TrimSuffix(s, "M")
	case strings.HasSuffix(s, "G"):
		mult, s = 1<<30, strings.TrimSuffix(s, "G")
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%q: expected a size such as 512M or 1G", s)
	}
	return n * mult, nil
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "loadgen: "+format+"\n", args...)
	os.Exit(2)
}
