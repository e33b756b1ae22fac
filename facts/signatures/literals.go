package signatures

// literalSet finds, in one pass over a message, which of many literals it contains, ignoring ASCII case:
// an Aho-Corasick automaton over the signatures' `contains` literals. Trying each literal in turn was most
// of the cost of reading a log: a site server's log line is offered to some forty signatures.
type literalSet struct {
	class   [256]uint8 // byte → input class; bytes in no literal share class 0
	classes int
	next    []int32    // state*classes + class → state
	out     [][]uint16 // state → literals that end there (including through suffix links)
}

// newLiteralSet compiles lower-cased literals; literal i is reported as i.
func newLiteralSet(literals [][]byte) *literalSet {
	ls := &literalSet{}
	for _, l := range literals {
		for _, c := range l {
			if ls.class[c] == 0 {
				ls.classes++
				ls.class[c] = uint8(ls.classes)
			}
		}
	}
	ls.classes++ // class 0
	// The trie, with transitions filled in afterwards (the automaton's goto and failure functions merged).
	type node struct {
		child map[uint8]int32
		fail  int32
		out   []uint16
	}
	nodes := []node{{child: map[uint8]int32{}}}
	for i, l := range literals {
		s := int32(0)
		for _, c := range l {
			cl := ls.class[c]
			n, ok := nodes[s].child[cl]
			if !ok {
				n = int32(len(nodes))
				nodes = append(nodes, node{child: map[uint8]int32{}})
				nodes[s].child[cl] = n
			}
			s = n
		}
		nodes[s].out = append(nodes[s].out, uint16(i))
	}
	ls.next = make([]int32, len(nodes)*ls.classes)
	ls.out = make([][]uint16, len(nodes))
	queue := []int32{0}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		if s != 0 {
			nodes[s].out = append(nodes[s].out, nodes[nodes[s].fail].out...)
		}
		ls.out[s] = nodes[s].out
		for cl := 0; cl < ls.classes; cl++ {
			if n, ok := nodes[s].child[uint8(cl)]; ok {
				if s != 0 {
					nodes[n].fail = ls.next[int(nodes[s].fail)*ls.classes+cl]
				}
				ls.next[int(s)*ls.classes+cl] = n
				queue = append(queue, n)
			} else if s != 0 {
				ls.next[int(s)*ls.classes+cl] = ls.next[int(nodes[s].fail)*ls.classes+cl]
			}
		}
	}
	return ls
}

// scan sets bit i of bits for each literal i occurring in msg, ASCII case ignored.
func (ls *literalSet) scan(msg string, bits []uint64) {
	s := int32(0)
	next, class, classes := ls.next, &ls.class, int32(ls.classes)
	for i := 0; i < len(msg); i++ {
		c := msg[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		s = next[s*classes+int32(class[c])]
		if out := ls.out[s]; out != nil {
			for _, l := range out {
				bits[l>>6] |= 1 << (l & 63)
			}
		}
	}
}
