package io.tradingbot.deploy.model;

import java.util.Map;

/**
 * One running instance of a module as a deployment describes it: a compose service or a Kubernetes Deployment.
 *
 * @param origin what describes it, for messages ({@code docker-compose.yml}, {@code k8s/overlays/local})
 * @param name   its service or Deployment name (also the host name other workloads reach it by)
 * @param module the module it runs
 * @param env    its environment, by variable name
 */
public record Workload(String origin, String name, ServiceModule module, Map<String, EnvValue> env) {

    /** A variable's value: a literal, or a reference to a Secret's key (whose value is not in the files). */
    public record EnvValue(String literal, String secret) {
        public static EnvValue of(String literal) {
            return new EnvValue(literal, null);
        }

        public static EnvValue fromSecret(String secret, String key) {
            return new EnvValue(null, secret + "/" + key);
        }

        @Override
        public String toString() {
            return literal != null ? literal : "secret " + secret;
        }
    }

    public String label() {
        return origin + ": " + name;
    }
}
