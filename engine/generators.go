package engine

import (
	"fmt"
	"math"
	"net/netip"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// MaxGeneratedValues caps what one call of a generating built-in may return. numbers.range(0, 1e10) or
// net.cidr_expand("10.0.0.0/8") in an edited policy would otherwise allocate until the process dies of
// out-of-memory, which no timeout can stop: OPA allocates the whole result before it checks for
// cancellation, or checks too late. A million values is far more than a rule over one site's inputs needs.
const MaxGeneratedValues = 1_000_000

func init() {
	limitGenerator("numbers.range", func(ops []*ast.Term) (float64, bool) {
		a, b, ok := float2(ops[0], ops[1])
		return math.Abs(b-a) + 1, ok
	})
	limitGenerator("numbers.range_step", func(ops []*ast.Term) (float64, bool) {
		a, b, ok := float2(ops[0], ops[1])
		step, sok := number(ops[2])
		if !ok || !sok || step <= 0 {
			return 0, false // the built-in reports its own operand errors
		}
		return math.Floor(math.Abs(b-a)/step) + 1, true
	})
	limitGenerator("net.cidr_expand", func(ops []*ast.Term) (float64, bool) {
		s, ok := ops[0].Value.(ast.String)
		if !ok {
			return 0, false
		}
		p, err := netip.ParsePrefix(string(s))
		if err != nil {
			return 0, false
		}
		return math.Exp2(float64(p.Addr().BitLen() - p.Bits())), true
	})
}

// limitGenerator wraps the built-in name so that a call that would generate more than MaxGeneratedValues
// values fails, as a policy evaluation error with the policy's file and line, before allocating them.
func limitGenerator(name string, count func(ops []*ast.Term) (float64, bool)) {
	orig := topdown.GetBuiltin(name)
	if orig == nil {
		panic("engine: no built-in " + name + " to limit")
	}
	topdown.RegisterBuiltinFunc(name, func(bctx topdown.BuiltinContext, ops []*ast.Term, iter func(*ast.Term) error) error {
		if n, ok := count(ops); ok && n > MaxGeneratedValues {
			return fmt.Errorf("this call would generate %.4g values; pushlint policies may generate at most %d in one call", n, MaxGeneratedValues)
		}
		return orig(bctx, ops, iter)
	})
}

func number(t *ast.Term) (float64, bool) {
	n, ok := t.Value.(ast.Number)
	if !ok {
		return 0, false
	}
	return n.Float64()
}

func float2(a, b *ast.Term) (float64, float64, bool) {
	x, ok1 := number(a)
	y, ok2 := number(b)
	return x, y, ok1 && ok2
}
