;; A subdivision's coarse vertices [from, to) linked to their edges' middles, in WebAssembly: core/mesh/subdivide.ts's
;; linkVerticesJs, with the same result. Compiled by scripts/build-wasm.mjs into link-vertices.ts (run `npm run
;; build:wasm` after editing this file; a unit test checks the two agree).
;;
;; Addresses are byte addresses in the shared memory (core/mesh/arrays.ts's WasmArena): the coarse links (6 int32 a
;; vertex, -1 for none), the subdivided net's links and each coarse vertex's first edge (int32). The middle of each
;; edge a vertex starts (to a higher vertex) is vertex $n + its number: it links to the edge's ends (slots 0, 1), its
;; quad slots (2..5) empty (-1), and both ends link to it in the slots that held each other. Returns 0, or 1 when a
;; link has no link back (the net is damaged; the caller says so).
(module
  (memory (import "env" "memory") 1 65536 shared)
  (func (export "run")
    (param $L i32) (param $links i32) (param $firstEdge i32) (param $n i32) (param $from i32) (param $to i32)
    (result i32)
    (local $v i32) (local $s i32) (local $end i32) (local $w i32) (local $back i32) (local $backEnd i32)
    (local $next i32) (local $m i32) (local $at i32)
    (local.set $v (local.get $from))
    (block $done
      (loop $vertex
        (br_if $done (i32.ge_u (local.get $v) (local.get $to)))
        (local.set $next (i32.add (local.get $n)
          (i32.load (i32.add (local.get $firstEdge) (i32.shl (local.get $v) (i32.const 2))))))
        (local.set $s (i32.mul (local.get $v) (i32.const 24)))
        (local.set $end (i32.add (local.get $s) (i32.const 24)))
        (loop $slot
          (local.set $w (i32.load (i32.add (local.get $L) (local.get $s))))
          (if (i32.lt_s (local.get $w) (i32.const 0))
            (then (i32.store (i32.add (local.get $links) (local.get $s)) (i32.const -1)))
            (else
              (if (i32.gt_s (local.get $w) (local.get $v))
                (then
                  ;; The slot of w that holds v.
                  (local.set $back (i32.mul (local.get $w) (i32.const 24)))
                  (local.set $backEnd (i32.add (local.get $back) (i32.const 24)))
                  (block $found
                    (loop $look
                      (if (i32.ge_u (local.get $back) (local.get $backEnd)) (then (return (i32.const 1))))
                      (br_if $found (i32.eq (i32.load (i32.add (local.get $L) (local.get $back))) (local.get $v)))
                      (local.set $back (i32.add (local.get $back) (i32.const 4)))
                      (br $look)))
                  (local.set $m (local.get $next))
                  (local.set $next (i32.add (local.get $next) (i32.const 1)))
                  (i32.store (i32.add (local.get $links) (local.get $s)) (local.get $m))
                  (i32.store (i32.add (local.get $links) (local.get $back)) (local.get $m))
                  (local.set $at (i32.add (local.get $links) (i32.mul (local.get $m) (i32.const 24))))
                  (i32.store offset=0 (local.get $at) (local.get $v))
                  (i32.store offset=4 (local.get $at) (local.get $w))
                  (i64.store offset=8 (local.get $at) (i64.const -1))
                  (i64.store offset=16 (local.get $at) (i64.const -1))))))
          (local.set $s (i32.add (local.get $s) (i32.const 4)))
          (br_if $slot (i32.lt_u (local.get $s) (local.get $end))))
        (local.set $v (i32.add (local.get $v) (i32.const 1)))
        (br $vertex)))
    (i32.const 0))
)
