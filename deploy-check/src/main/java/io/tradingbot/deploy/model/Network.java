package io.tradingbot.deploy.model;

import java.util.Map;
import java.util.Set;

/**
 * Who can be reached inside a deployment: host names (compose services, Kubernetes Services) with their ports, and the
 * Kafka bootstrap addresses that exist.
 */
public record Network(Map<String, Set<Integer>> hosts, Set<String> kafkaBootstrap) {
}
