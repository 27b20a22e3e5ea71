//go:build amd64 && !purego

#include "textflag.h"

// PFDIST is how far past the current position of the fourth row dot4Asm
// prefetches: for consecutive rows of a matrix, the rows of the next call.
#define PFDIST 1024

// func dotAsm(n int, x, y *float64) float64
TEXT ·dotAsm(SB), NOSPLIT, $0-32
	MOVQ   n+0(FP), CX
	MOVQ   x+8(FP), SI
	MOVQ   y+16(FP), DI
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3

dot_loop16:
	CMPQ        CX, $16
	JL          dot_loop4
	VMOVUPD     (SI), Y4
	VMOVUPD     32(SI), Y5
	VMOVUPD     64(SI), Y6
	VMOVUPD     96(SI), Y7
	VFMADD231PD (DI), Y4, Y0
	VFMADD231PD 32(DI), Y5, Y1
	VFMADD231PD 64(DI), Y6, Y2
	VFMADD231PD 96(DI), Y7, Y3
	ADDQ        $128, SI
	ADDQ        $128, DI
	SUBQ        $16, CX
	JMP         dot_loop16

dot_loop4:
	CMPQ        CX, $4
	JL          dot_reduce
	VMOVUPD     (SI), Y4
	VFMADD231PD (DI), Y4, Y0
	ADDQ        $32, SI
	ADDQ        $32, DI
	SUBQ        $4, CX
	JMP         dot_loop4

dot_reduce:
	VADDPD       Y1, Y0, Y0
	VADDPD       Y3, Y2, Y2
	VADDPD       Y2, Y0, Y0
	VEXTRACTF128 $1, Y0, X1
	VADDPD       X1, X0, X0
	VHADDPD      X0, X0, X0
	TESTQ        CX, CX
	JZ           dot_done

dot_scalar:
	VMOVSD      (SI), X4
	VFMADD231SD (DI), X4, X0
	ADDQ        $8, SI
	ADDQ        $8, DI
	DECQ        CX
	JNZ         dot_scalar

dot_done:
	VZEROUPPER
	MOVSD X0, ret+24(FP)
	RET

// func axpyAsm(n int, a float64, x, y *float64)
TEXT ·axpyAsm(SB), NOSPLIT, $0-32
	MOVQ         n+0(FP), CX
	VBROADCASTSD a+8(FP), Y15
	MOVQ         x+16(FP), SI
	MOVQ         y+24(FP), DI

axpy_loop16:
	CMPQ        CX, $16
	JL          axpy_loop4
	VMOVUPD     (DI), Y0
	VMOVUPD     32(DI), Y1
	VMOVUPD     64(DI), Y2
	VMOVUPD     96(DI), Y3
	VFMADD231PD (SI), Y15, Y0
	VFMADD231PD 32(SI), Y15, Y1
	VFMADD231PD 64(SI), Y15, Y2
	VFMADD231PD 96(SI), Y15, Y3
	VMOVUPD     Y0, (DI)
	VMOVUPD     Y1, 32(DI)
	VMOVUPD     Y2, 64(DI)
	VMOVUPD     Y3, 96(DI)
	ADDQ        $128, SI
	ADDQ        $128, DI
	SUBQ        $16, CX
	JMP         axpy_loop16

axpy_loop4:
	CMPQ        CX, $4
	JL          axpy_scalar
	VMOVUPD     (DI), Y0
	VFMADD231PD (SI), Y15, Y0
	VMOVUPD     Y0, (DI)
	ADDQ        $32, SI
	ADDQ        $32, DI
	SUBQ        $4, CX
	JMP         axpy_loop4

axpy_scalar:
	TESTQ       CX, CX
	JZ          axpy_done
	VMOVSD      (DI), X0
	VFMADD231SD (SI), X15, X0
	VMOVSD      X0, (DI)
	ADDQ        $8, SI
	ADDQ        $8, DI
	DECQ        CX
	JMP         axpy_scalar

axpy_done:
	VZEROUPPER
	RET

// func dot4Asm(n int, v, r0, r1, r2, r3 *float64, out *[4]float64)
TEXT ·dot4Asm(SB), NOSPLIT, $0-56
	MOVQ   n+0(FP), CX
	MOVQ   v+8(FP), SI
	MOVQ   r0+16(FP), R8
	MOVQ   r1+24(FP), R9
	MOVQ   r2+32(FP), R10
	MOVQ   r3+40(FP), R11
	MOVQ   out+48(FP), DI
	XORQ   AX, AX
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7

dot4_loop8:
	CMPQ        CX, $8
	JL          dot4_loop4
	VMOVUPD     (SI)(AX*1), Y8
	VMOVUPD     32(SI)(AX*1), Y9
	PREFETCHT0  PFDIST(R11)(AX*1)
	VFMADD231PD (R8)(AX*1), Y8, Y0
	VFMADD231PD 32(R8)(AX*1), Y9, Y4
	VFMADD231PD (R9)(AX*1), Y8, Y1
	VFMADD231PD 32(R9)(AX*1), Y9, Y5
	VFMADD231PD (R10)(AX*1), Y8, Y2
	VFMADD231PD 32(R10)(AX*1), Y9, Y6
	VFMADD231PD (R11)(AX*1), Y8, Y3
	VFMADD231PD 32(R11)(AX*1), Y9, Y7
	ADDQ        $64, AX
	SUBQ        $8, CX
	JMP         dot4_loop8

dot4_loop4:
	CMPQ        CX, $4
	JL          dot4_reduce
	VMOVUPD     (SI)(AX*1), Y8
	VFMADD231PD (R8)(AX*1), Y8, Y0
	VFMADD231PD (R9)(AX*1), Y8, Y1
	VFMADD231PD (R10)(AX*1), Y8, Y2
	VFMADD231PD (R11)(AX*1), Y8, Y3
	ADDQ        $32, AX
	SUBQ        $4, CX

dot4_reduce:
	VADDPD     Y4, Y0, Y0
	VADDPD     Y5, Y1, Y1
	VADDPD     Y6, Y2, Y2
	VADDPD     Y7, Y3, Y3
	VHADDPD    Y1, Y0, Y0
	VHADDPD    Y3, Y2, Y2
	VPERM2F128 $0x20, Y2, Y0, Y10
	VPERM2F128 $0x31, Y2, Y0, Y11
	VADDPD     Y11, Y10, Y10
	VMOVUPD    Y10, (DI)

dot4_scalar:
	TESTQ       CX, CX
	JZ          dot4_done
	VMOVSD      (SI)(AX*1), X8
	VMOVSD      0(DI), X0
	VFMADD231SD (R8)(AX*1), X8, X0
	VMOVSD      X0, 0(DI)
	VMOVSD      8(DI), X1
	VFMADD231SD (R9)(AX*1), X8, X1
	VMOVSD      X1, 8(DI)
	VMOVSD      16(DI), X2
	VFMADD231SD (R10)(AX*1), X8, X2
	VMOVSD      X2, 16(DI)
	VMOVSD      24(DI), X3
	VFMADD231SD (R11)(AX*1), X8, X3
	VMOVSD      X3, 24(DI)
	ADDQ        $8, AX
	DECQ        CX
	JMP         dot4_scalar

dot4_done:
	VZEROUPPER
	RET

// func axpy4Asm(n int, dst *float64, a *[4]float64, r0, r1, r2, r3 *float64)
TEXT ·axpy4Asm(SB), NOSPLIT, $0-56
	MOVQ         n+0(FP), CX
	MOVQ         dst+8(FP), DI
	MOVQ         a+16(FP), DX
	MOVQ         r0+24(FP), R8
	MOVQ         r1+32(FP), R9
	MOVQ         r2+40(FP), R10
	MOVQ         r3+48(FP), R11
	VBROADCASTSD 0(DX), Y12
	VBROADCASTSD 8(DX), Y13
	VBROADCASTSD 16(DX), Y14
	VBROADCASTSD 24(DX), Y15
	XORQ         AX, AX

axpy4_loop8:
	CMPQ        CX, $8
	JL          axpy4_loop4
	VMOVUPD     (DI)(AX*1), Y0
	VMOVUPD     32(DI)(AX*1), Y1
	VFMADD231PD (R8)(AX*1), Y12, Y0
	VFMADD231PD 32(R8)(AX*1), Y12, Y1
	VFMADD231PD (R9)(AX*1), Y13, Y0
	VFMADD231PD 32(R9)(AX*1), Y13, Y1
	VFMADD231PD (R10)(AX*1), Y14, Y0
	VFMADD231PD 32(R10)(AX*1), Y14, Y1
	VFMADD231PD (R11)(AX*1), Y15, Y0
	VFMADD231PD 32(R11)(AX*1), Y15, Y1
	VMOVUPD     Y0, (DI)(AX*1)
	VMOVUPD     Y1, 32(DI)(AX*1)
	ADDQ        $64, AX
	SUBQ        $8, CX
	JMP         axpy4_loop8

axpy4_loop4:
	CMPQ        CX, $4
	JL          axpy4_scalar
	VMOVUPD     (DI)(AX*1), Y0
	VFMADD231PD (R8)(AX*1), Y12, Y0
	VFMADD231PD (R9)(AX*1), Y13, Y0
	VFMADD231PD (R10)(AX*1), Y14, Y0
	VFMADD231PD (R11)(AX*1), Y15, Y0
	VMOVUPD     Y0, (DI)(AX*1)
	ADDQ        $32, AX
	SUBQ        $4, CX

axpy4_scalar:
	TESTQ       CX, CX
	JZ          axpy4_done
	VMOVSD      (DI)(AX*1), X0
	VFMADD231SD (R8)(AX*1), X12, X0
	VFMADD231SD (R9)(AX*1), X13, X0
	VFMADD231SD (R10)(AX*1), X14, X0
	VFMADD231SD (R11)(AX*1), X15, X0
	VMOVSD      X0, (DI)(AX*1)
	ADDQ        $8, AX
	DECQ        CX
	JMP         axpy4_scalar

axpy4_done:
	VZEROUPPER
	RET

// func kernelAsm(k int, ap, bp, c *float64, ldc int)
// C[6×8] += Ap·Bp: Ap holds k groups of 6 values of A (one column of the
// 6-row panel), Bp k groups of 8 values of B (one row of the 8-column panel).
TEXT ·kernelAsm(SB), NOSPLIT, $0-40
	MOVQ   k+0(FP), CX
	MOVQ   ap+8(FP), SI
	MOVQ   bp+16(FP), DI
	MOVQ   c+24(FP), DX
	MOVQ   ldc+32(FP), R8
	SHLQ   $3, R8
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	VXORPD Y8, Y8, Y8
	VXORPD Y9, Y9, Y9
	VXORPD Y10, Y10, Y10
	VXORPD Y11, Y11, Y11
	TESTQ  CX, CX
	JZ     gemm_store

gemm_loop:
	VMOVUPD      (DI), Y12
	VMOVUPD      32(DI), Y13
	VBROADCASTSD 0(SI), Y14
	VFMADD231PD  Y12, Y14, Y0
	VFMADD231PD  Y13, Y14, Y1
	VBROADCASTSD 8(SI), Y15
	VFMADD231PD  Y12, Y15, Y2
	VFMADD231PD  Y13, Y15, Y3
	VBROADCASTSD 16(SI), Y14
	VFMADD231PD  Y12, Y14, Y4
	VFMADD231PD  Y13, Y14, Y5
	VBROADCASTSD 24(SI), Y15
	VFMADD231PD  Y12, Y15, Y6
	VFMADD231PD  Y13, Y15, Y7
	VBROADCASTSD 32(SI), Y14
	VFMADD231PD  Y12, Y14, Y8
	VFMADD231PD  Y13, Y14, Y9
	VBROADCASTSD 40(SI), Y15
	VFMADD231PD  Y12, Y15, Y10
	VFMADD231PD  Y13, Y15, Y11
	ADDQ         $48, SI
	ADDQ         $64, DI
	DECQ         CX
	JNZ          gemm_loop

gemm_store:
	VADDPD  (DX), Y0, Y0
	VADDPD  32(DX), Y1, Y1
	VMOVUPD Y0, (DX)
	VMOVUPD Y1, 32(DX)
	ADDQ    R8, DX
	VADDPD  (DX), Y2, Y2
	VADDPD  32(DX), Y3, Y3
	VMOVUPD Y2, (DX)
	VMOVUPD Y3, 32(DX)
	ADDQ    R8, DX
	VADDPD  (DX), Y4, Y4
	VADDPD  32(DX), Y5, Y5
	VMOVUPD Y4, (DX)
	VMOVUPD Y5, 32(DX)
	ADDQ    R8, DX
	VADDPD  (DX), Y6, Y6
	VADDPD  32(DX), Y7, Y7
	VMOVUPD Y6, (DX)
	VMOVUPD Y7, 32(DX)
	ADDQ    R8, DX
	VADDPD  (DX), Y8, Y8
	VADDPD  32(DX), Y9, Y9
	VMOVUPD Y8, (DX)
	VMOVUPD Y9, 32(DX)
	ADDQ    R8, DX
	VADDPD  (DX), Y10, Y10
	VADDPD  32(DX), Y11, Y11
	VMOVUPD Y10, (DX)
	VMOVUPD Y11, 32(DX)
	VZEROUPPER
	RET

// func prefetchAsm(p *float64, n int)
// Prefetches into all cache levels the lines holding n ≥ 1 float64s at p.
TEXT ·prefetchAsm(SB), NOSPLIT, $0-16
	MOVQ p+0(FP), SI
	MOVQ n+8(FP), CX
	LEAQ (SI)(CX*8), CX

pf_loop:
	PREFETCHT0 (SI)
	ADDQ       $64, SI
	CMPQ       SI, CX
	JB         pf_loop
	RET

// func packB8Asm(n int, dst, src *float64, stride int)
// Transposes 8 rows of n (a multiple of 4) contiguous elements, row j at
// src + j·stride bytes, into n groups of 8: dst[8p+j] = row j[p].
TEXT ·packB8Asm(SB), NOSPLIT, $0-32
	MOVQ n+0(FP), CX
	MOVQ dst+8(FP), DI
	MOVQ src+16(FP), SI
	MOVQ stride+24(FP), DX
	LEAQ (SI)(DX*1), R8  // row 1
	LEAQ (R8)(DX*1), R9  // row 2
	LEAQ (R9)(DX*1), R10 // row 3
	LEAQ (R10)(DX*1), R11 // row 4
	LEAQ (R11)(DX*1), R12 // row 5
	LEAQ (R12)(DX*1), R13 // row 6
	LEAQ (R13)(DX*1), R14 // row 7
	XORQ AX, AX

pb8_loop:
	CMPQ CX, $4
	JL   pb8_done
	VMOVUPD (SI)(AX*1), Y0
	VMOVUPD (R8)(AX*1), Y1
	VMOVUPD (R9)(AX*1), Y2
	VMOVUPD (R10)(AX*1), Y3
	VUNPCKLPD Y1, Y0, Y4 // r0[0] r1[0] r0[2] r1[2]
	VUNPCKHPD Y1, Y0, Y5 // r0[1] r1[1] r0[3] r1[3]
	VUNPCKLPD Y3, Y2, Y6
	VUNPCKHPD Y3, Y2, Y7
	VPERM2F128 $0x20, Y6, Y4, Y0 // p=0, rows 0-3
	VPERM2F128 $0x20, Y7, Y5, Y1 // p=1
	VPERM2F128 $0x31, Y6, Y4, Y2 // p=2
	VPERM2F128 $0x31, Y7, Y5, Y3 // p=3
	VMOVUPD Y0, 0(DI)
	VMOVUPD Y1, 64(DI)
	VMOVUPD Y2, 128(DI)
	VMOVUPD Y3, 192(DI)
	VMOVUPD (R11)(AX*1), Y8
	VMOVUPD (R12)(AX*1), Y9
	VMOVUPD (R13)(AX*1), Y10
	VMOVUPD (R14)(AX*1), Y11
	VUNPCKLPD Y9, Y8, Y12
	VUNPCKHPD Y9, Y8, Y13
	VUNPCKLPD Y11, Y10, Y14
	VUNPCKHPD Y11, Y10, Y15
	VPERM2F128 $0x20, Y14, Y12, Y8
	VPERM2F128 $0x20, Y15, Y13, Y9
	VPERM2F128 $0x31, Y14, Y12, Y10
	VPERM2F128 $0x31, Y15, Y13, Y11
	VMOVUPD Y8, 32(DI)
	VMOVUPD Y9, 96(DI)
	VMOVUPD Y10, 160(DI)
	VMOVUPD Y11, 224(DI)
	ADDQ $32, AX
	ADDQ $256, DI
	SUBQ $4, CX
	JMP  pb8_loop

pb8_done:
	VZEROUPPER
	RET

// func kernel32Asm(k int, ap, bp, c *float32, ldc int)
// C[6×16] += Ap·Bp over k ≥ 0 in float32: Ap holds k groups of 6 values
// of A, Bp k groups of 16 values of B; twelve YMM accumulators of eight
// lanes, as kernelAsm with twice the columns per register.
TEXT ·kernel32Asm(SB), NOSPLIT, $0-40
	MOVQ   k+0(FP), CX
	MOVQ   ap+8(FP), SI
	MOVQ   bp+16(FP), DI
	MOVQ   c+24(FP), DX
	MOVQ   ldc+32(FP), R8
	SHLQ   $2, R8
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2
	VXORPS Y3, Y3, Y3
	VXORPS Y4, Y4, Y4
	VXORPS Y5, Y5, Y5
	VXORPS Y6, Y6, Y6
	VXORPS Y7, Y7, Y7
	VXORPS Y8, Y8, Y8
	VXORPS Y9, Y9, Y9
	VXORPS Y10, Y10, Y10
	VXORPS Y11, Y11, Y11
	TESTQ  CX, CX
	JZ     gemm32_store

gemm32_loop:
	VMOVUPS      (DI), Y12
	VMOVUPS      32(DI), Y13
	VBROADCASTSS 0(SI), Y14
	VFMADD231PS  Y12, Y14, Y0
	VFMADD231PS  Y13, Y14, Y1
	VBROADCASTSS 4(SI), Y15
	VFMADD231PS  Y12, Y15, Y2
	VFMADD231PS  Y13, Y15, Y3
	VBROADCASTSS 8(SI), Y14
	VFMADD231PS  Y12, Y14, Y4
	VFMADD231PS  Y13, Y14, Y5
	VBROADCASTSS 12(SI), Y15
	VFMADD231PS  Y12, Y15, Y6
	VFMADD231PS  Y13, Y15, Y7
	VBROADCASTSS 16(SI), Y14
	VFMADD231PS  Y12, Y14, Y8
	VFMADD231PS  Y13, Y14, Y9
	VBROADCASTSS 20(SI), Y15
	VFMADD231PS  Y12, Y15, Y10
	VFMADD231PS  Y13, Y15, Y11
	ADDQ         $24, SI
	ADDQ         $64, DI
	DECQ         CX
	JNZ          gemm32_loop

gemm32_store:
	VADDPS  (DX), Y0, Y0
	VADDPS  32(DX), Y1, Y1
	VMOVUPS Y0, (DX)
	VMOVUPS Y1, 32(DX)
	ADDQ    R8, DX
	VADDPS  (DX), Y2, Y2
	VADDPS  32(DX), Y3, Y3
	VMOVUPS Y2, (DX)
	VMOVUPS Y3, 32(DX)
	ADDQ    R8, DX
	VADDPS  (DX), Y4, Y4
	VADDPS  32(DX), Y5, Y5
	VMOVUPS Y4, (DX)
	VMOVUPS Y5, 32(DX)
	ADDQ    R8, DX
	VADDPS  (DX), Y6, Y6
	VADDPS  32(DX), Y7, Y7
	VMOVUPS Y6, (DX)
	VMOVUPS Y7, 32(DX)
	ADDQ    R8, DX
	VADDPS  (DX), Y8, Y8
	VADDPS  32(DX), Y9, Y9
	VMOVUPS Y8, (DX)
	VMOVUPS Y9, 32(DX)
	ADDQ    R8, DX
	VADDPS  (DX), Y10, Y10
	VADDPS  32(DX), Y11, Y11
	VMOVUPS Y10, (DX)
	VMOVUPS Y11, 32(DX)
	VZEROUPPER
	RET

// func adamAsm(n int, xp, gp, mp, vp *float64, c *AdamCoef)
// Four elements per iteration, n a multiple of 4; the operations and
// their order are adamGeneric's (see AdamStep).
TEXT ·adamAsm(SB), NOSPLIT, $0-48
	MOVQ         n+0(FP), CX
	MOVQ         xp+8(FP), DI
	MOVQ         gp+16(FP), SI
	MOVQ         mp+24(FP), R8
	MOVQ         vp+32(FP), R9
	MOVQ         c+40(FP), AX
	VBROADCASTSD 0(AX), Y10  // W1
	VBROADCASTSD 8(AX), Y11  // B2
	VBROADCASTSD 16(AX), Y12 // W2
	VBROADCASTSD 24(AX), Y13 // NegStep
	VBROADCASTSD 32(AX), Y14 // BC2Sqrt
	VBROADCASTSD 40(AX), Y15 // Eps

adam_loop:
	TESTQ       CX, CX
	JZ          adam_done
	VMOVUPD     (SI), Y0        // g
	VMOVUPD     (R8), Y1        // m
	VSUBPD      Y1, Y0, Y2      // g − m
	VFMADD213PD Y1, Y10, Y2     // m' = W1·(g − m) + m
	VMOVUPD     Y2, (R8)
	VMULPD      Y0, Y12, Y3     // W2·g
	VMULPD      (R9), Y11, Y4   // B2·v
	VFMADD213PD Y4, Y0, Y3      // v' = (W2·g)·g + B2·v
	VMOVUPD     Y3, (R9)
	VSQRTPD     Y3, Y5
	VDIVPD      Y14, Y5, Y5     // √v'/BC2Sqrt
	VADDPD      Y15, Y5, Y5     // + Eps
	VMULPD      Y2, Y13, Y6     // NegStep·m'
	VDIVPD      Y5, Y6, Y6
	VADDPD      (DI), Y6, Y6    // x + …
	VMOVUPD     Y6, (DI)
	ADDQ        $32, SI
	ADDQ        $32, R8
	ADDQ        $32, R9
	ADDQ        $32, DI
	SUBQ        $4, CX
	JMP         adam_loop

adam_done:
	VZEROUPPER
	RET
