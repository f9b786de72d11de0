;; One Taubin smoothing step over vertices [from, to) of a surface net, in WebAssembly with 128-bit SIMD: the same
;; arithmetic as core/mesh/smooth.ts's taubinStepJs, in float32, bit for bit. Compiled by scripts/build-wasm.mjs into
;; taubin-step.ts (run `npm run build:wasm` after editing this file; a unit test checks the two agree).
;;
;; Arguments are byte addresses in the shared memory (core/mesh/arrays.ts's WasmArena):
;;   src, dst  positions, xyz float32 per vertex; each read of a vertex loads 16 bytes (xyz and the next vertex's x,
;;             which is ignored), so src needs 4 bytes of room after its last vertex
;;   nb        6 int32 per vertex: neighbour position offsets (vertex × 3), a missing one pointing at the vertex itself
;;   deg       uint8 per vertex: how many neighbours are real
;;   cells     3 int16 per vertex: the low corner of the vertex's cell (2 bytes of room after the last vertex)
;;   f         the step's factor (lambda or mu)
;;   slack     how far past its cell a vertex may go (0: kept inside its cell)
;; A vertex's position is stored with one 16-byte store (its fourth lane lands on the next vertex's x, written
;; right after) except for the range's last vertex, stored lane by lane: the next range may be another thread's.
(module
  (memory (import "env" "memory") 1 65536 shared)
  (func (export "run")
    (param $src i32) (param $dst i32) (param $nb i32) (param $deg i32) (param $cells i32)
    (param $f f32) (param $slack f32) (param $from i32) (param $to i32)
    (local $v i32) (local $s i32) (local $d i32) (local $at i32)
    (local $sum v128) (local $x v128) (local $p v128) (local $lo v128) (local $inv f32) (local $ff f32)
    (local.set $v (local.get $from))
    (block $done
      (loop $vertex
        (br_if $done (i32.ge_u (local.get $v) (local.get $to)))
        ;; Sum of the six neighbour slots, in slot order.
        (local.set $s (i32.add (local.get $nb) (i32.mul (local.get $v) (i32.const 24))))
        (local.set $sum (v128.load (i32.add (local.get $src) (i32.shl (i32.load offset=0 (local.get $s)) (i32.const 2)))))
        (local.set $sum (f32x4.add (local.get $sum) (v128.load (i32.add (local.get $src) (i32.shl (i32.load offset=4 (local.get $s)) (i32.const 2))))))
        (local.set $sum (f32x4.add (local.get $sum) (v128.load (i32.add (local.get $src) (i32.shl (i32.load offset=8 (local.get $s)) (i32.const 2))))))
        (local.set $sum (f32x4.add (local.get $sum) (v128.load (i32.add (local.get $src) (i32.shl (i32.load offset=12 (local.get $s)) (i32.const 2))))))
        (local.set $sum (f32x4.add (local.get $sum) (v128.load (i32.add (local.get $src) (i32.shl (i32.load offset=16 (local.get $s)) (i32.const 2))))))
        (local.set $sum (f32x4.add (local.get $sum) (v128.load (i32.add (local.get $src) (i32.shl (i32.load offset=20 (local.get $s)) (i32.const 2))))))
        (local.set $at (i32.mul (local.get $v) (i32.const 12)))
        (local.set $x (v128.load (i32.add (local.get $src) (local.get $at))))
        ;; A vertex without neighbours stays where it is (factor 0).
        (local.set $d (i32.load8_u (i32.add (local.get $deg) (local.get $v))))
        (if (local.get $d)
          (then
            (local.set $inv (f32.div (f32.const 1) (f32.convert_i32_u (local.get $d))))
            (local.set $ff (local.get $f)))
          (else
            (local.set $inv (f32.const 0))
            (local.set $ff (f32.const 0))))
        ;; mean = (sum - x * (6 - d)) * inv;  p = x + f * (mean - x)
        (local.set $p
          (f32x4.add (local.get $x)
            (f32x4.mul (f32x4.splat (local.get $ff))
              (f32x4.sub
                (f32x4.mul
                  (f32x4.sub (local.get $sum)
                    (f32x4.mul (local.get $x) (f32x4.splat (f32.convert_i32_u (i32.sub (i32.const 6) (local.get $d))))))
                  (f32x4.splat (local.get $inv)))
                (local.get $x)))))
        ;; Kept inside the cell widened by the slack: c - slack <= p <= c + (1 + slack) on every axis.
        (local.set $lo (f32x4.convert_i32x4_s (v128.load16x4_s (i32.add (local.get $cells) (i32.mul (local.get $v) (i32.const 6))))))
        (local.set $p
          (f32x4.pmin (f32x4.add (local.get $lo) (f32x4.splat (f32.add (f32.const 1) (local.get $slack))))
            (f32x4.pmax (f32x4.sub (local.get $lo) (f32x4.splat (local.get $slack))) (local.get $p))))
        (local.set $at (i32.add (local.get $dst) (local.get $at)))
        (if (i32.eq (local.get $v) (i32.sub (local.get $to) (i32.const 1)))
          (then
            (v128.store64_lane 0 (local.get $at) (local.get $p))
            (v128.store32_lane offset=8 2 (local.get $at) (local.get $p)))
          (else (v128.store (local.get $at) (local.get $p))))
        (local.set $v (i32.add (local.get $v) (i32.const 1)))
        (br $vertex))))
)
