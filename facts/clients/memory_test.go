package clients

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Per-record memory is small and fixed: what the reader keeps of a record with every column the console
// exports is its values, not the row it was read from nor the reader's buffers. (The whole pipeline at the
// most records an export may hold is run under a memory limit by cmd/pushlint's
// TestClientExportMemoryIsBounded.)
func TestMemoryPerRecord(t *testing.T) {
	const records = 20_000
	var b strings.Builder
	b.WriteString("Name,SMS Unique Identifier,Resource ID,Client,Assigned,Active,Obsolete,Site Code,Client Type,Client Version," +
		"Last Heartbeat,IP Addresses,IP Subnets,AD Site Name,Domain,Operating System\r\n")
	for i := 0; i < records; i++ {
		fmt.Fprintf(&b, "PC%06d,GUID:%08X-1111-2222-3333-444455556666,%d,Yes,Yes,Yes,No,CEN,Advanced,2.50.4160.2000,"+
			"11/20/2026 8:00:00 AM,\"10.1.%d.%d, fe80::%x\",10.1.%d.0,Default-First-Site-Name,CONTOSO,Microsoft Windows XP Professional\r\n",
			i, i, 16777216+i, (i>>8)&255, i&255, i, (i>>8)&255)
	}
	path := filepath.Join(t.TempDir(), "all-systems.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	b.Reset()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	exp, err := LoadFile(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	perRecord := (int64(after.HeapAlloc) - int64(before.HeapAlloc)) / records
	t.Logf("%d bytes per record (%d records)", perRecord, len(exp.Clients))
	// About 1 KB: the Client struct, its pointers, and the values of its 16 columns.
	if perRecord > 1500 {
		t.Errorf("%d bytes kept per record, want at most 1500", perRecord)
	}
	runtime.KeepAlive(exp)
}
