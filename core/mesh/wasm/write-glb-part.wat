;; One region's binary part of a .glb, in WebAssembly: core/mesh/export-gltf.ts's writeGlbPartJs, bit for bit (the
;; same float64 arithmetic on the same float32 values). Compiled by scripts/build-wasm.mjs into write-glb-part.ts (run
;; `npm run build:wasm` after editing this file; a unit test checks the two agree).
;;
;; Arguments are byte addresses in the shared memory (core/mesh/arrays.ts's WasmArena), except the counts:
;;   p, nrm    the region's positions (mm) and normals, xyz float32 per vertex
;;   src       its indices, uint32, numbered from v0
;;   pos, nor  where the part's positions and normals go, xyz float32 per vertex: scaled, and turned to glTF's axes
;;             (x, z, -y); normals of unit length (a vertex with none gets 0, 1, 0)
;;   idx       where its indices go, each less v0: uint16 when short is 1, else uint32
;;   bounds    where the lowest and highest x, y, z of the positions (mm, float64) go when hasBounds is 1
(module
  (memory (import "env" "memory") 1 65536 shared)
  (func (export "run")
    (param $p i32) (param $nrm i32) (param $src i32) (param $pos i32) (param $nor i32) (param $idx i32)
    (param $n i32) (param $count i32) (param $v0 i32) (param $short i32) (param $scale f64)
    (param $bounds i32) (param $hasBounds i32)
    (local $d i32) (local $end i32) (local $t i32)
    (local $x f64) (local $y f64) (local $z f64) (local $nx f64) (local $ny f64) (local $nz f64) (local $len f64)
    (local $x0 f64) (local $y0 f64) (local $z0 f64) (local $x1 f64) (local $y1 f64) (local $z1 f64)
    (local.set $x0 (f64.const inf)) (local.set $y0 (f64.const inf)) (local.set $z0 (f64.const inf))
    (local.set $x1 (f64.const -inf)) (local.set $y1 (f64.const -inf)) (local.set $z1 (f64.const -inf))
    (local.set $end (i32.mul (local.get $n) (i32.const 12)))
    (local.set $d (i32.const 0))
    (block $done
      (loop $vertex
        (br_if $done (i32.ge_u (local.get $d) (local.get $end)))
        (local.set $x (f64.promote_f32 (f32.load offset=0 (i32.add (local.get $p) (local.get $d)))))
        (local.set $y (f64.promote_f32 (f32.load offset=4 (i32.add (local.get $p) (local.get $d)))))
        (local.set $z (f64.promote_f32 (f32.load offset=8 (i32.add (local.get $p) (local.get $d)))))
        (if (f64.lt (local.get $x) (local.get $x0)) (then (local.set $x0 (local.get $x))))
        (if (f64.lt (local.get $y) (local.get $y0)) (then (local.set $y0 (local.get $y))))
        (if (f64.lt (local.get $z) (local.get $z0)) (then (local.set $z0 (local.get $z))))
        (if (f64.gt (local.get $x) (local.get $x1)) (then (local.set $x1 (local.get $x))))
        (if (f64.gt (local.get $y) (local.get $y1)) (then (local.set $y1 (local.get $y))))
        (if (f64.gt (local.get $z) (local.get $z1)) (then (local.set $z1 (local.get $z))))
        (f32.store offset=0 (i32.add (local.get $pos) (local.get $d)) (f32.demote_f64 (f64.mul (local.get $x) (local.get $scale))))
        (f32.store offset=4 (i32.add (local.get $pos) (local.get $d)) (f32.demote_f64 (f64.mul (local.get $z) (local.get $scale))))
        (f32.store offset=8 (i32.add (local.get $pos) (local.get $d))
          (f32.demote_f64 (f64.mul (f64.neg (local.get $y)) (local.get $scale))))
        (local.set $nx (f64.promote_f32 (f32.load offset=0 (i32.add (local.get $nrm) (local.get $d)))))
        (local.set $ny (f64.promote_f32 (f32.load offset=8 (i32.add (local.get $nrm) (local.get $d)))))
        (local.set $nz (f64.neg (f64.promote_f32 (f32.load offset=4 (i32.add (local.get $nrm) (local.get $d))))))
        (local.set $len (f64.sqrt (f64.add (f64.add (f64.mul (local.get $nx) (local.get $nx)) (f64.mul (local.get $ny) (local.get $ny)))
                                           (f64.mul (local.get $nz) (local.get $nz)))))
        (if (f64.lt (local.get $len) (f64.const 0.5))
          (then (local.set $nx (f64.const 0)) (local.set $ny (f64.const 1)) (local.set $nz (f64.const 0)))
          (else
            (if (f64.gt (f64.abs (f64.sub (local.get $len) (f64.const 1))) (f64.const 1e-5))
              (then
                (local.set $nx (f64.div (local.get $nx) (local.get $len)))
                (local.set $ny (f64.div (local.get $ny) (local.get $len)))
                (local.set $nz (f64.div (local.get $nz) (local.get $len)))))))
        (f32.store offset=0 (i32.add (local.get $nor) (local.get $d)) (f32.demote_f64 (local.get $nx)))
        (f32.store offset=4 (i32.add (local.get $nor) (local.get $d)) (f32.demote_f64 (local.get $ny)))
        (f32.store offset=8 (i32.add (local.get $nor) (local.get $d)) (f32.demote_f64 (local.get $nz)))
        (local.set $d (i32.add (local.get $d) (i32.const 12)))
        (br $vertex)))
    (local.set $t (i32.const 0))
    (block $indices
      (loop $index
        (br_if $indices (i32.ge_u (local.get $t) (local.get $count)))
        (if (local.get $short)
          (then
            (i32.store16 (i32.add (local.get $idx) (i32.shl (local.get $t) (i32.const 1)))
              (i32.sub (i32.load (i32.add (local.get $src) (i32.shl (local.get $t) (i32.const 2)))) (local.get $v0))))
          (else
            (i32.store (i32.add (local.get $idx) (i32.shl (local.get $t) (i32.const 2)))
              (i32.sub (i32.load (i32.add (local.get $src) (i32.shl (local.get $t) (i32.const 2)))) (local.get $v0)))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $index)))
    (if (local.get $hasBounds)
      (then
        (f64.store offset=0 (local.get $bounds) (local.get $x0))
        (f64.store offset=8 (local.get $bounds) (local.get $y0))
        (f64.store offset=16 (local.get $bounds) (local.get $z0))
        (f64.store offset=24 (local.get $bounds) (local.get $x1))
        (f64.store offset=32 (local.get $bounds) (local.get $y1))
        (f64.store offset=40 (local.get $bounds) (local.get $z1)))))
)
