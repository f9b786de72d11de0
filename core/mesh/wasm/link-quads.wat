;; A subdivision's coarse quads [from, to) linked to their edges' middles on one thread, in WebAssembly:
;; core/mesh/subdivide.ts's linkQuadsJs for a last subdivision (whose quads stand for their quarters), with the same
;; result. Compiled by scripts/build-wasm.mjs into link-quads.ts (run `npm run build:wasm` after editing this file; a
;; unit test checks the two agree).
;;
;; Addresses are byte addresses in the shared memory (core/mesh/arrays.ts's WasmArena): the coarse quads (6 uint32
;; each: four corners, low and high label) and links (6 int32 a vertex), the subdivided net's links (its coarse
;; vertices' slots hold their edges' middles), the quarters' side middles (4 uint32 a quad), the edges' quad counts
;; (2 uint8 an edge: thread 0's, thread 1's) and this thread's label uses (uint32 a label). $n: the coarse vertices,
;; $faceBase: the first quad middle's id. Returns 0, or 1 when a quad side is not a link, 2 when an edge would have
;; more than four quads (the net is damaged; the caller says so).
(module
  (memory (import "env" "memory") 1 65536 shared)
  (func (export "run")
    (param $q i32) (param $L i32) (param $links i32) (param $middles i32) (param $counts i32) (param $uses i32)
    (param $n i32) (param $faceBase i32) (param $thread i32) (param $from i32) (param $to i32)
    (result i32)
    (local $t i32) (local $o i32) (local $e i32) (local $a i32) (local $b i32) (local $s i32) (local $end i32)
    (local $m i32) (local $at i32) (local $count i32) (local $label i32)
    (local.set $t (local.get $from))
    (block $done
      (loop $quad
        (br_if $done (i32.ge_u (local.get $t) (local.get $to)))
        (local.set $o (i32.add (local.get $q) (i32.mul (local.get $t) (i32.const 24))))
        ;; The quad middle's labels.
        (local.set $label (i32.load offset=16 (local.get $o)))
        (if (local.get $label)
          (then
            (local.set $at (i32.add (local.get $uses) (i32.shl (local.get $label) (i32.const 2))))
            (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (i32.const 1)))))
        (local.set $label (i32.load offset=20 (local.get $o)))
        (if (local.get $label)
          (then
            (local.set $at (i32.add (local.get $uses) (i32.shl (local.get $label) (i32.const 2))))
            (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (i32.const 1)))))
        (local.set $e (i32.const 0))
        (loop $side
          ;; The middle of the side from corner e to corner e + 1: in the link slot of a that names b.
          (local.set $a (i32.load (i32.add (local.get $o) (i32.shl (local.get $e) (i32.const 2)))))
          (local.set $b (i32.load (i32.add (local.get $o) (i32.shl (i32.and (i32.add (local.get $e) (i32.const 1)) (i32.const 3)) (i32.const 2)))))
          (local.set $s (i32.add (local.get $L) (i32.mul (local.get $a) (i32.const 24))))
          (local.set $end (i32.add (local.get $s) (i32.const 24)))
          (block $found
            (loop $look
              (if (i32.ge_u (local.get $s) (local.get $end)) (then (return (i32.const 1))))
              (br_if $found (i32.eq (i32.load (local.get $s)) (local.get $b)))
              (local.set $s (i32.add (local.get $s) (i32.const 4)))
              (br $look)))
          (local.set $m (i32.load (i32.add (local.get $links) (i32.sub (local.get $s) (local.get $L)))))
          (i32.store (i32.add (local.get $middles) (i32.shl (i32.add (i32.shl (local.get $t) (i32.const 2)) (local.get $e)) (i32.const 2)))
            (local.get $m))
          ;; This thread's place at the edge: from the bottom of slots 2..5 for thread 0, from the top for thread 1.
          (local.set $at (i32.add (local.get $counts) (i32.add (i32.shl (i32.sub (local.get $m) (local.get $n)) (i32.const 1)) (local.get $thread))))
          (local.set $count (i32.load8_u (local.get $at)))
          (if (i32.gt_u (local.get $count) (i32.const 3)) (then (return (i32.const 2))))
          (i32.store8 (local.get $at) (i32.add (local.get $count) (i32.const 1)))
          (i32.store
            (i32.add (local.get $links) (i32.shl (i32.add (i32.mul (local.get $m) (i32.const 6))
              (select (i32.sub (i32.const 5) (local.get $count)) (i32.add (i32.const 2) (local.get $count)) (local.get $thread)))
              (i32.const 2)))
            (i32.add (local.get $faceBase) (local.get $t)))
          (local.set $e (i32.add (local.get $e) (i32.const 1)))
          (br_if $side (i32.lt_u (local.get $e) (i32.const 4))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $quad)))
    (i32.const 0))
)
