/** JMH benchmarks of router4j's overhead, each against a raw OkHttp baseline in the same run. */
package dev.router4j.benchmarks;
