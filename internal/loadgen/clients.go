package loadgen

import (
	"bufio"
	"io"
	"math/rand/v2"
	"strconv"
	"time"
)

// ClientsConfig says what the client export holds.
type ClientsConfig struct {
	Seed    uint64
	Rows    int    // discovered systems, named as the log names them (PC000001, ...)
	Site    string // assigned site code (default CEN)
	Domain  string // default CONTOSO
	Now     time.Time
	Percent struct {
		Twins       int // share an SMS unique identifier with the previous row (a cloned image), per mille
		NotInstall  int // assigned but Client=No, per mille
		NotAssigned int // installed but not assigned, per mille
		Overdue     int // last heartbeat more than a month old, per mille
		Obsolete    int // an obsolete record, per mille
	}
}

// DefaultClients is a realistic export: most systems healthy, a few of each problem the rules know.
func DefaultClients(seed uint64, rows int) ClientsConfig {
	c := ClientsConfig{Seed: seed, Rows: rows}
	c.Percent.Twins, c.Percent.NotInstall, c.Percent.NotAssigned, c.Percent.Overdue, c.Percent.Obsolete = 2, 10, 5, 20, 10
	return c
}

// WriteClients writes the export as SQL Server Management Studio saves a query over v_R_System: CSV with
// the view's column names, NULL for what is not known.
func WriteClients(c ClientsConfig, w io.Writer) error {
	if c.Site == "" {
		c.Site = "CEN"
	}
	if c.Domain == "" {
		c.Domain = "CONTOSO"
	}
	if c.Now.IsZero() {
		c.Now = time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.WriteString("ResourceID,Name0,SMS_Unique_Identifier0,Client0,Assigned0,Active0,Obsolete0,SMS_Assigned_Sites0,Resource_Domain_OR_Workgr0,AD_Site_Name0,IP_Subnets0,Client_Type0,Operating_System_Name_and0,AgentTime\r\n")
	r := rand.New(rand.NewPCG(c.Seed, 1<<40))
	b := make([]byte, 0, 512)
	for i := 0; i < c.Rows; i++ {
		pm := func(n int) bool { return r.IntN(1000) < n }
		id := smsid(i)
		if i > 0 && pm(c.Percent.Twins) {
			id = smsid(i - 1)
		}
		client, assigned, obsolete := "1", "1", "0"
		switch {
		case pm(c.Percent.NotInstall):
			client = "0"
		case pm(c.Percent.NotAssigned):
			assigned = "0"
		}
		if pm(c.Percent.Obsolete) {
			obsolete = "1"
		}
		age := time.Duration(r.IntN(72)) * time.Hour
		if pm(c.Percent.Overdue) {
			age = time.Duration(30+r.IntN(300)) * 24 * time.Hour
		}
		b = b[:0]
		b = strconv.AppendInt(b, int64(16777220+i), 10)
		b = append(b, ',')
		b = append(b, MachineName(i)...)
		b = append(b, ',')
		b = append(b, id...)
		b = append(b, ',')
		b = append(b, client...)
		b = append(b, ',')
		b = append(b, assigned...)
		b = append(b, ",1,"...)
		b = append(b, obsolete...)
		b = append(b, ',')
		b = append(b, c.Site...)
		b = append(b, ',')
		b = append(b, c.Domain...)
		b = append(b, ",HQ,10."...)
		b = strconv.AppendInt(b, int64(1+i/65536%200), 10)
		b = append(b, '.')
		b = strconv.AppendInt(b, int64(i/256%256), 10)
		b = append(b, ".0,1,Microsoft Windows NT Workstation 5.1,"...)
		if client == "0" {
			b = append(b, "NULL"...)
		} else {
			b = append(b, c.Now.Add(-age).Format("2006-01-02 15:04:05.000")...)
		}
		b = append(b, "\r\n"...)
		if _, err := bw.Write(b); err != nil {
			return err
		}
	}
	return bw.Flush()
}
