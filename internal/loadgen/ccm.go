package loadgen

import (
	"math/rand/v2"
	"strconv"
	"time"
)

// LineSink receives whole log lines (with their line ending). A line is never split across two calls, so a
// sink may start a new file between two lines, as a rollover does.
type LineSink interface {
	Line(b []byte) error
}

// ccm writes Ccm.log: hour after hour, the CCRs of new machines and the retries of failing ones, two
// Client Configuration Manager threads at a time, with the queue's routine lines in between.
type ccm struct {
	c       Config
	sink    LineSink
	fates   []fate
	noise   *rand.Rand
	written int64
	msg     []byte // the message being built
	line    []byte // the line being built
	base    time.Time
	done    bool
}

// WriteCCM writes Ccm.log to sink and returns the number of bytes written.
func WriteCCM(c Config, sink LineSink) (int64, error) {
	c = c.Defaults()
	if err := c.Check(); err != nil {
		return 0, err
	}
	g := &ccm{c: c, sink: sink, noise: rand.New(rand.NewPCG(c.Seed, 0)), fates: make([]fate, c.Machines)}
	for i := range g.fates {
		g.fates[i] = c.fate(i)
	}
	maxAttempts := 1
	for _, f := range g.fates {
		maxAttempts = max(maxAttempts, f.attempts)
	}
	rounds := (c.Machines+c.PerHour-1)/c.PerHour + maxAttempts - 1
	var active []int
	g.base = c.Start
	for epoch := 0; ; epoch++ {
		for r := 0; r < rounds; r++ {
			active = g.active(r, maxAttempts, active[:0])
			if err := g.round(epoch, r, active); err != nil || g.done {
				return g.written, err
			}
		}
		if c.Bytes <= 0 || g.written >= c.Bytes {
			return g.written, nil
		}
		// Every machine was pushed to; they are rediscovered and pushed to again, a day later.
		g.base = g.base.Add(time.Duration(rounds+24) * time.Hour)
	}
}

// active lists the machines with an attempt in round r: those whose first push is in r, and the failing
// ones whose hourly retries reach r.
func (g *ccm) active(r, maxAttempts int, out []int) []int {
	from := max(0, (r-maxAttempts+1)*g.c.PerHour)
	to := min(g.c.Machines, (r+1)*g.c.PerHour)
	for i := from; i < to; i++ {
		start := i / g.c.PerHour
		if r >= start && r < start+g.fates[i].attempts {
			out = append(out, i)
		}
	}
	return out
}

// step is one line of a CCR's processing.
type step struct {
	msg   []byte
	level byte // CMTrace type: '1' info, '2' warning, '3' error
}

func (g *ccm) round(epoch, r int, active []int) error {
	hour := g.base.Add(time.Duration(r) * time.Hour)
	if len(active) == 0 {
		return nil
	}
	spacing := time.Hour / time.Duration(len(active)+1)
	failing := 0
	for _, i := range active {
		if g.fates[i].kind != failNone {
			failing++
		}
	}
	var a, b []step
	for k := 0; k < len(active); k += 2 {
		t := hour.Add(time.Duration(k) * spacing)
		i := active[k]
		a = g.attempt(a[:0], i, r-i/g.c.PerHour, epoch)
		b = b[:0]
		if k+1 < len(active) {
			j := active[k+1]
			b = g.attempt(b, j, r-j/g.c.PerHour, epoch)
		}
		// Two processing threads interleave their lines, as they do in a real Ccm.log.
		for x := 0; x < max(len(a), len(b)); x++ {
			t = t.Add(37 * time.Millisecond)
			if x < len(a) {
				if err := g.write(t, 6708, a[x]); err != nil || g.done {
					return err
				}
			}
			if x < len(b) {
				if err := g.write(t.Add(11*time.Millisecond), 7400, b[x]); err != nil || g.done {
					return err
				}
			}
		}
		for n := 0; n < g.c.NoisePerCCR; n++ {
			t = t.Add(91 * time.Millisecond)
			if err := g.write(t, 660, g.routine(failing)); err != nil || g.done {
				return err
			}
		}
	}
	return nil
}

// attempt appends the lines of attempt n (0-based) of machine i.
func (g *ccm) attempt(out []step, i, n, epoch int) []step {
	f := g.fates[i]
	name := MachineName(i)
	id := strconv.Itoa(2097152000 + epoch*g.c.Machines + i)
	acct := g.c.Domain + `\svc-smspush`
	if f.account == 1 {
		acct = g.c.Domain + `\sms-push2`
	}
	info := func(parts ...string) { out = append(out, step{msg: cat(parts...), level: '1'}) }
	fail := func(parts ...string) { out = append(out, step{msg: cat(parts...), level: '3'}) }
	info("Execute query exec [sp_CP_GetPushRequestMachine] ", id)
	info(`======>Begin Processing request: "`, id, `", machine name: "`, name, `"`)
	info("Execute query exec [sp_IsMPAvailable] N'", g.c.Site, "'")
	info("---> Trying the 'best-shot' account which worked for previous CCRs (index = 0x0)")
	info(`---> Attempting to connect to administrative share '\\`, name, `\admin$' using account '`, acct, `'`)
	last := n == f.attempts-1
	if f.kind == failNone || (last && f.recovers) {
		info("---> Connected to administrative share on machine ", name, " using account '", acct, "'")
		info(`---> Searching for SMSClientInstall.* under '\\`, name, `\admin$\'`)
		info(`---> Created service "ccmsetup" on machine "`, name, `".`)
		info(`---> Started service "ccmsetup" on machine "`, name, `".`)
		info(`---> Deleting SMS Client Install Lock File '\\`, name, `\admin$\SMSClientInstall.`, g.c.Site, `'`)
		info("Execute query exec [sp_CP_SetPushRequestMachineStatus] ", id, ", 1")
		info(`<======End request: "`, id, `", machine name: "`, name, `".`)
		return out
	}
	code := "53"
	switch f.kind {
	case failPath53:
		fail("---> WNetAddConnection2 failed (LOGON32_LOGON_NEW_CREDENTIALS) using account ", acct, " (000004b3)")
		fail("---> WNetAddConnection2 failed (LOGON32_LOGON_INTERACTIVE) using account ", acct, " (000004b3)")
		fail(`---> ERROR: Unable to connect to remote registry for machine name "`, name, `", error 53.`)
	case failLogon:
		code = "5"
		fail("---> WNetAddConnection2 failed (LOGON32_LOGON_NEW_CREDENTIALS) using account ", acct, " (0000052e)")
		fail("---> LogonUser failed (LOGON32_LOGON_INTERACTIVE) using account ", acct, " (0000052e)")
		fail(`---> ERROR: Unable to connect to remote registry for machine name "`, name, `", error 5.`)
	case failNotAdmin:
		code = "5"
		fail("---> ERROR: The account '", acct, `' does not have administrative rights on machine "`, name, `".`)
	case failNetName67:
		code = "67"
		fail(`---> Failed to connect to \\`, name, `\admin$ using account `, acct, " (67)")
		info(`---> Attempting to connect to administrative share '\\`, name, `\admin$' using account '`, acct, `'`)
		fail(`---> Failed to connect to \\`, name, `\admin$ using account `, acct, " (67)")
	case failKerberos:
		code = "-2147024891"
		info("---> Attempting to make IPC connection to share  with Kerberos authentication ")
		info("---> SspiEncodeStringsAsAuthIdentity succeeded for IPC$ authentication!")
		info("---> NetUseAdd succeeded for IPC$ authentication!")
		fail(`---> Unable to connect to remote machine "`, name, `" using Kerberos with machine account, error - 0x80070005.`)
		fail(`--> NTLM fallback is not enabled, remote machine "`, name, `" is not continuing with client push.`)
	}
	if f.kind != failKerberos {
		fail(`---> ERROR: Unable to access target machine for request: "`, id, `", machine name: "`, name, `", error code: `, code)
	}
	info("Execute query exec [sp_CP_SetLastErrorCode] ", id, ", ", code)
	info(`Stored request "`, id, `", machine name "`, name, `", in queue "Retry".`)
	info(`<======End request: "`, id, `", machine name: "`, name, `".`)
	return out
}

// routine is one of the lines Client Configuration Manager writes while it waits for work.
func (g *ccm) routine(failing int) step {
	switch g.noise.IntN(5) {
	case 0:
		return step{msg: cat(`Getting a new request from queue "Incoming" after 100 millisecond delay.`), level: '1'}
	case 1:
		return step{msg: cat(`Waiting for change in directory "D:\SMS\inboxes\ccr.box" for queue "Incoming", (30 minute backup timeout).`), level: '1'}
	case 2:
		return step{msg: cat(`CCR count in queue "Retry" is `, strconv.Itoa(failing), "."), level: '1'}
	case 3:
		return step{msg: cat("Sleeping for 661 seconds..."), level: '1'}
	}
	return step{msg: cat("----- Started a new CCR processing thread. Thread ID is 0x114. There are now 2 processing threads"), level: '1'}
}

func cat(parts ...string) []byte {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	b := make([]byte, 0, n)
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}

// write formats one line at local wall-clock time t and hands it to the sink.
func (g *ccm) write(t time.Time, thread int, s step) error {
	if g.c.Bytes > 0 && g.written >= g.c.Bytes {
		g.done = true
		return nil
	}
	b := g.line[:0]
	if g.c.Format == "server" {
		b = append(b, s.msg...)
		b = append(b, "~  $$<SMS_CLIENT_CONFIG_MANAGER><"...)
		b = appendDate(b, t)
		b = append(b, ' ')
		b = appendClock(b, t)
		b = appendBias(b, g.c.Bias)
		b = append(b, "><thread="...)
		b = strconv.AppendInt(b, int64(thread), 10)
		b = append(b, " (0x"...)
		b = appendHex4(b, thread)
		b = append(b, ")>\r\n"...)
	} else {
		b = append(b, "<![LOG["...)
		b = append(b, s.msg...)
		b = append(b, `]LOG]!><time="`...)
		b = appendClock(b, t)
		b = appendBias(b, g.c.Bias)
		b = append(b, `" date="`...)
		b = appendDate(b, t)
		b = append(b, `" component="SMS_CLIENT_CONFIG_MANAGER" context="" type="`...)
		b = append(b, s.level)
		b = append(b, `" thread="`...)
		b = strconv.AppendInt(b, int64(thread), 10)
		b = append(b, `" file="">`+"\r\n"...)
	}
	g.line = b
	g.written += int64(len(b))
	return g.sink.Line(b)
}

func append2(b []byte, n int) []byte { return append(b, byte('0'+n/10%10), byte('0'+n%10)) }

// appendDate writes MM-DD-YYYY.
func appendDate(b []byte, t time.Time) []byte {
	y, m, d := t.Date()
	b = append2(b, int(m))
	b = append(b, '-')
	b = append2(b, d)
	b = append(b, '-')
	return strconv.AppendInt(b, int64(y), 10)
}

// appendClock writes HH:MM:SS.mmm.
func appendClock(b []byte, t time.Time) []byte {
	h, mi, s := t.Clock()
	b = append2(b, h)
	b = append(b, ':')
	b = append2(b, mi)
	b = append(b, ':')
	b = append2(b, s)
	ms := t.Nanosecond() / 1e6
	return append(b, '.', byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10))
}

func appendBias(b []byte, bias int) []byte {
	if bias < 0 {
		return strconv.AppendInt(b, int64(bias), 10)
	}
	b = append(b, '+')
	if bias < 100 {
		b = append(b, '0')
	}
	if bias < 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(bias), 10)
}

func appendHex4(b []byte, n int) []byte {
	const digits = "0123456789ABCDEF"
	s := []byte{}
	for n > 0 || len(s) < 4 {
		s = append(s, digits[n&15])
		n >>= 4
	}
	for i := len(s) - 1; i >= 0; i-- {
		b = append(b, s[i])
	}
	return b
}
