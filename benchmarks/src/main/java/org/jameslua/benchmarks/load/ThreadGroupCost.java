package org.jameslua.benchmarks.load;

/**
 * What one group of a James's threads (a pool's, or one named thread) spent over a load: CPU ms, of it in the
 * kernel, and how many times its threads blocked and were woken again.
 */
record ThreadGroupCost(double cpuMillis, double systemMillis, long sleeps) {}
