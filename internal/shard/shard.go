// Package shard splits the work of batch and build between the machines of a CI matrix:
// shard K of N (--shard K/N) makes the rows or outputs that Contains gives it, decided by
// a stable hash, so that the machines agree without talking to each other.
package shard

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"

	"github.com/careprint/careprint/internal/roster"
)

// Parse reads a shard's K/N ("" is the only shard, 1/1).
func Parse(s string) (k, n int, err error) {
	if s == "" {
		return 1, 1, nil
	}
	a, b, ok := strings.Cut(s, "/")
	k, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || k < 1 || k > n {
		return 0, 0, fmt.Errorf("--shard %q: use K/N with 1 <= K <= N, e.g. 2/4", s)
	}
	return k, n, nil
}

// Contains decides by a stable hash of the row's id (or its line) whether shard k of n
// makes it, so that every machine of a CI matrix agrees without talking to the others.
func Contains(r roster.Row, k, n int) bool {
	if n == 1 {
		return true
	}
	key := r.ID
	if key == "" {
		key = "line:" + strconv.Itoa(r.Line)
	}
	h := fnv.New32a()
	h.Write([]byte(key))
	return int(h.Sum32()%uint32(n)) == k-1
}
