/* exp_lanes.h - e^x without a library call (lib/fast/exp_lanes.c). */
#ifndef NN_EXP_LANES_H
#define NN_EXP_LANES_H

/* e^x without a library call, so that loops of it run in SIMD lanes:
 * within 1 ulp of exp() for -708 <= x <= 709, 0 below -708, +inf from
 * 709.436 on, NaN for NaN (exp_lanes.c explains how).  The default
 * build's sigmoid and softmax (act_forward, act_softmax) use it. */
double act_exp(double x);

#endif
