// Package loadgen writes large, realistic inputs for pushlint's benchmarks: a central site's Ccm.log (in the
// CMTrace or the SMS 2003 server format, split into .lo_/.log rollovers), clients' ccmsetup.log files, a
// client export and a site description. Everything is a pure function of the configuration and its seed, so
// two runs with the same settings write the same bytes, and nothing is held in memory but the state of the
// machines being pushed to: a log of any size can be streamed.
//
// The lines are those of the real material pushlint's signatures come from (KB 925282, the SMS 2.0 KBs,
// Microsoft Q&A 965723 and 1000404, a real ccmsetup.log); the mix of machines, retries and failures is set by
// Config.
package loadgen

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"
)

// Config says what to generate.
type Config struct {
	Seed     uint64
	Machines int    // distinct machines pushed to (the log names them PC000001, PC000002, ...)
	Site     string // site code, upper case (default CEN)
	Domain   string // domain of the push account and the clients (default CONTOSO)

	// FailPercent of the machines fail their first push and are retried every hour, up to MaxAttempts
	// attempts in all (168, seven days, is where Client Configuration Manager gives up).
	FailPercent int
	MaxAttempts int
	// RecoverPercent of the failing machines succeed at their last attempt (a later success clears the
	// failures); the others are still failing when the log ends.
	RecoverPercent int
	// NoisePerCCR is how many routine lines (queue polling, sleeping, inbox counts) come between two
	// requests: the knob for events per megabyte.
	NoisePerCCR int
	// PerHour is how many new machines are pushed to in an hour (default Machines/24, at least 1).
	PerHour int

	Format string // "cmtrace" (default) or "server": the SMS 2003 server log format
	Start  time.Time
	Bias   int // timezone bias in minutes, as the logs write it (UTC = local + bias)

	// Bytes, when set, is the size of Ccm.log to write: when every machine is done before that, the same
	// machines are pushed to again (they were rediscovered), so a log of any size has Machines machines.
	Bytes int64
}

// Defaults fills the zero fields.
func (c Config) Defaults() Config {
	if c.Machines <= 0 {
		c.Machines = 1000
	}
	if c.Site == "" {
		c.Site = "CEN"
	}
	if c.Domain == "" {
		c.Domain = "CONTOSO"
	}
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = 24
	}
	if c.PerHour <= 0 {
		c.PerHour = max(c.Machines/24, 1)
	}
	if c.Format == "" {
		c.Format = "cmtrace"
	}
	if c.Start.IsZero() {
		c.Start = time.Date(2026, 11, 2, 6, 0, 0, 0, time.UTC)
	}
	return c
}

// Check says what is wrong with the configuration.
func (c Config) Check() error {
	switch {
	case c.Format != "cmtrace" && c.Format != "server":
		return fmt.Errorf("format %q: expected cmtrace or server", c.Format)
	case c.FailPercent < 0 || c.FailPercent > 100 || c.RecoverPercent < 0 || c.RecoverPercent > 100:
		return fmt.Errorf("percentages must be between 0 and 100")
	case len(c.Site) != 3:
		return fmt.Errorf("site code %q: expected three letters or digits", c.Site)
	}
	return nil
}

// Failure kinds, each as KB 925282 and the Q&A threads show it in Ccm.log.
const (
	failNone       = iota
	failPath53     // WNetAddConnection2 0x4b3, then remote registry and target access error 53
	failLogon      // logon failure 0x52e with the push account, then error 5
	failNotAdmin   // the account is not an administrator: error 5
	failNetName67  // SMS 2.0: Failed to connect ... (67)
	failKerberos   // current branch: Kerberos 0x80070005 and NTLM fallback off
	failKinds      // count
	failWeightsSum = 100
)

// failWeights are the shares of the failure kinds among failing machines, in percent.
var failWeights = [failKinds]int{0, 40, 20, 15, 10, 15}

// fate is what happens to one machine's push: drawn from the seed and the machine's number alone, so it
// does not depend on what else is generated.
type fate struct {
	kind     int
	attempts int  // 1 for a machine whose first push works
	recovers bool // the last attempt succeeds
	account  int  // which push account the site tries (0 or 1)
}

func (c Config) fate(i int) fate {
	r := rand.New(rand.NewPCG(c.Seed, uint64(i)+1))
	f := fate{attempts: 1, account: r.IntN(2)}
	if r.IntN(100) >= c.FailPercent {
		return f
	}
	w := r.IntN(failWeightsSum)
	for k := 1; k < failKinds; k++ {
		if w < failWeights[k] {
			f.kind = k
			break
		}
		w -= failWeights[k]
	}
	if f.kind == failNone {
		f.kind = failPath53
	}
	f.attempts = 1 + r.IntN(max(c.MaxAttempts, 1))
	f.recovers = r.IntN(100) < c.RecoverPercent
	return f
}

// MachineName is the name of machine i (0-based).
func MachineName(i int) string {
	return "PC" + pad(i+1, 6)
}

func pad(n, width int) string {
	s := strconv.Itoa(n)
	for len(s) < width {
		s = "0" + s
	}
	return s
}

// smsid is machine i's SMS unique identifier; twin machines share one (a cloned disk image).
func smsid(i int) string {
	return fmt.Sprintf("GUID:%08X-0000-4000-8000-%012X", uint32(i*2654435761), i+1)
}
