package io.tradingbot.order;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradingbot.kafka.testkit.KafkaBrokerResource;
import io.tradingbot.kafka.testkit.ServiceContract;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class OrderServiceTest extends ServiceContract {
}
