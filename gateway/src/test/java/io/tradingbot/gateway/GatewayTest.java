package io.tradingbot.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradingbot.kafka.testkit.KafkaBrokerResource;
import io.tradingbot.kafka.testkit.ServiceContract;

@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
class GatewayTest extends ServiceContract {
}
