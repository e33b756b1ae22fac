package timeline

import (
	"fmt"
	"testing"

	"github.com/pushlint/pushlint"
	"github.com/pushlint/pushlint/facts"
	"github.com/pushlint/pushlint/facts/clients"
	"github.com/pushlint/pushlint/finding"
)

// BenchmarkBuildLargeSite builds the timelines of an export of 20,000 machines that a ccm.log of 100,000
// events pushed to: the cost must stay linear in the inputs, not in machines times inputs.
func BenchmarkBuildLargeSite(b *testing.B) {
	const machines = 20000
	doc := &facts.Document{Logs: []facts.LogFile{{File: "ccm.log", Dir: ".", Kind: "ccm", Side: "server"}}}
	types := []string{"request_begin", "admin_share_connect_attempt", "admin_share_connected", "remote_registry_failed", "request_stored_in_retry"}
	var findings []finding.Finding
	for m := 0; m < machines; m++ {
		name := fmt.Sprintf("PC%05d", m)
		doc.Clients = append(doc.Clients, clients.Client{Name: name, Machine: name, Client: yes(m%2 == 0), Assigned: yes(m%3 == 0),
			Location: clients.Location{File: "clients.csv", Line: m + 2}, Row: name})
		for _, typ := range types {
			doc.Events = append(doc.Events, ev(len(doc.Events), typ, name, "ccm.log", len(doc.Events)+1, nil))
		}
		if m%4 == 0 {
			findings = append(findings, newFinding("R1", "error", finding.Subject{Kind: "machine", ID: name}, at("ccm.log", len(doc.Events)-1)))
		}
	}
	st, err := Load(pushlint.Policies)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if tls := Build(doc, findings, st); len(tls) != machines {
			b.Fatalf("%d timelines", len(tls))
		}
	}
}
