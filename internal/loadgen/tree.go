package loadgen

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Tree says what WriteTree writes into a folder.
type Tree struct {
	Config
	// RolloverBytes is the size at which Ccm.log rolls over: the log is written as collect-001/ccm.lo_,
	// collect-001/ccm.log, collect-002/ccm.lo_, ... (each folder one copy of the site server's logs folder,
	// taken after the log had rolled over once). 0: one ccm.log.
	RolloverBytes int64
	Clients       int // rows of clients.csv (0: none)
	ClientLogs    int // client folders clients/PCnnnnnn/ccmsetup.log, for the first machines (0: none)
	Sites         int // sites in site.yaml besides the central one (0: the central site only)
}

// Written is what WriteTree wrote, relative to its folder.
type Written struct {
	LogBytes   int64
	LogFiles   []string
	Clients    string
	ClientLogs string
	Site       string
}

// WriteTree writes the site description, Ccm.log (with its rollovers), the client export and the clients'
// ccmsetup.log files into dir.
func WriteTree(t Tree, dir string) (Written, error) {
	t.Config = t.Config.Defaults()
	var out Written
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return out, err
	}
	out.Site = "site.yaml"
	if err := writeFile(filepath.Join(dir, out.Site), func(w io.Writer) error { return WriteSite(t.Site, t.Sites, w) }); err != nil {
		return out, err
	}
	sink := &rollover{dir: dir, limit: t.RolloverBytes}
	n, err := WriteCCM(t.Config, sink)
	if cerr := sink.close(); err == nil {
		err = cerr
	}
	if err != nil {
		return out, err
	}
	out.LogBytes, out.LogFiles = n, sink.files
	if t.Clients > 0 {
		out.Clients = "clients.csv"
		cc := DefaultClients(t.Seed, t.Clients)
		cc.Site, cc.Domain = t.Site, t.Domain
		if err := writeFile(filepath.Join(dir, out.Clients), func(w io.Writer) error { return WriteClients(cc, w) }); err != nil {
			return out, err
		}
	}
	if t.ClientLogs > 0 {
		out.ClientLogs = "clients"
		for i := 0; i < t.ClientLogs; i++ {
			p := filepath.Join(dir, "clients", MachineName(i), "ccmsetup.log")
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return out, err
			}
			if err := writeFile(p, func(w io.Writer) error { return WriteCcmsetup(t.Config, i, w) }); err != nil {
				return out, err
			}
		}
	}
	return out, nil
}

func writeFile(path string, fn func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	err = fn(bw)
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// rollover writes Ccm.log lines into files of at most limit bytes, as ccm.lo_ then ccm.log in one folder
// after another.
type rollover struct {
	dir   string
	limit int64
	f     *os.File
	w     *bufio.Writer
	size  int64
	files []string
}

func (r *rollover) Line(b []byte) error {
	if r.f == nil || (r.limit > 0 && r.size+int64(len(b)) > r.limit && r.size > 0) {
		if err := r.next(); err != nil {
			return err
		}
	}
	r.size += int64(len(b))
	_, err := r.w.Write(b)
	return err
}

func (r *rollover) next() error {
	if err := r.close(); err != nil {
		return err
	}
	name := "ccm.log"
	if r.limit > 0 {
		part := len(r.files)/2 + 1
		name = filepath.Join(fmt.Sprintf("collect-%03d", part), "ccm.lo_")
		if len(r.files)%2 == 1 {
			name = filepath.Join(fmt.Sprintf("collect-%03d", part), "ccm.log")
		}
	}
	p := filepath.Join(r.dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	r.f, r.w, r.size = f, bufio.NewWriterSize(f, 1<<20), 0
	r.files = append(r.files, name)
	return nil
}

func (r *rollover) close() error {
	if r.f == nil {
		return nil
	}
	err := r.w.Flush()
	if cerr := r.f.Close(); err == nil {
		err = cerr
	}
	r.f = nil
	return err
}

// WriterSink writes lines to an io.Writer.
type WriterSink struct{ W io.Writer }

// Line writes b.
func (s WriterSink) Line(b []byte) error {
	_, err := s.W.Write(b)
	return err
}

// WriteSite writes a site description: the central primary site and n secondary sites below it.
func WriteSite(code string, n int, w io.Writer) error {
	if code == "" {
		code = "CEN"
	}
	var b strings.Builder
	fmt.Fprintf(&b, `version: 1
environment:
  directory: active_directory
  forest_trusted: true
  ad_schema_extended: true
  wins: true
sites:
  - code: %s
    name: Central
    type: primary
    product: sms2003
    security_mode: advanced
    boundaries:
      - { type: ip_range, value: 10.0.0.1-10.255.255.254 }
    publish_to_ad: true
    client_push:
      enabled: true
      system_types: [workstations, servers]
      install_properties: "SMSSITECODE=%s"
      accounts:
        - { name: 'CONTOSO\svc-smspush', state: enabled }
        - { name: 'CONTOSO\sms-push2', state: enabled }
    network_access_account: 'CONTOSO\svc-smsnaa'
    discovery:
      heartbeat: { enabled: true, interval: 7d }
      ad_system: { enabled: true, interval: 1d }
    maintenance:
      clear_install_flag: { enabled: true, rediscovery_period: 21d }
    site_systems:
      - server: SMS01
        roles: [site_server, site_database_server, sms_provider, management_point, distribution_point, server_locator_point]
    server_locator_point:
      server: SMS01
      registered_in: [ad, wins]
`, code, code)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `
  - code: S%02d
    name: Branch %d
    type: secondary
    parent: %s
    security_mode: advanced
    boundaries:
      - { type: ad_site, value: Branch-%d }
    publish_to_ad: true
    client_push:
      enabled: true
      install_properties: "SMSSITECODE=%s"
      accounts:
        - { name: 'CONTOSO\svc-smspush' }
    discovery:
      heartbeat: { enabled: true, interval: 7d }
      ad_system: { enabled: true, interval: 1d }
    site_systems:
      - server: BR%02dSMS
        roles: [site_server, management_point, distribution_point]
`, i%100, i, code, i, code, i%100)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteCcmsetup writes the ccmsetup.log of machine i, in CMTrace format: the lines of the real ccmsetup.log
// of 2020, ending in success or, for a fifth of the machines, in the HTTP 404 download failure.
func WriteCcmsetup(c Config, i int, w io.Writer) error {
	c = c.Defaults()
	r := rand.New(rand.NewPCG(c.Seed, uint64(i)+1<<32))
	t := c.Start.Add(time.Duration(i/c.PerHour)*time.Hour + 5*time.Minute)
	lines := []string{
		"==========[ ccmsetup started in process 476 ]==========",
		"Running on platform X64",
		"Launch from folder C:\\Windows\\ccmsetup\\",
		"CcmSetup version: 5.0.8692.1008",
		"Ccmsetup command line: ccmsetup.exe /mp:SMS01 SMSSITECODE=" + c.Site,
		"Adding file 'HTTP://SMS01:80/CCM_Client/x64/client.msi' to BITS job, saving as 'C:\\Windows\\ccmsetup\\client.msi'.",
		"Starting BITS download for client deployment files.",
	}
	failed := r.IntN(5) == 0
	if failed {
		lines = append(lines,
			"Failed to download files through BITS. Error: 0x80190194, Description HTTP status 404: The requested URL does not exist on the server.",
			"Failed to download client files by BITS. Error 0x80190194",
			"[] Params to send '5.0.8458.1007 Deployment Error 0x80190194. Path HTTP://SMS01/CCM_Client'",
			"CcmSetup failed with error code 0x80190194")
	} else {
		lines = append(lines,
			"Download complete.",
			"Running installation: \"C:\\Windows\\ccmsetup\\client.msi\" CCMSETUPCMD=\" /mp:SMS01\"",
			"Installation succeeded.",
			"CcmSetup is exiting with return code 0")
	}
	bw := bufio.NewWriter(w)
	bw.WriteString("\xef\xbb\xbf")
	var b []byte
	for _, l := range lines {
		t = t.Add(time.Duration(200+r.IntN(2000)) * time.Millisecond)
		b = append(b[:0], "<![LOG["...)
		b = append(b, l...)
		b = append(b, `]LOG]!><time="`...)
		b = appendClock(b, t)
		b = appendBias(b, c.Bias)
		b = append(b, `" date="`...)
		b = appendDate(b, t)
		b = append(b, `" component="ccmsetup" context="" type="1" thread="3396" file="ccmsetup.cpp:9498">`+"\r\n"...)
		bw.Write(b)
	}
	return bw.Flush()
}
