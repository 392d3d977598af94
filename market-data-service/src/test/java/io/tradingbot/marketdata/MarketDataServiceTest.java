package io.tradingbot.marketdata;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradingbot.kafka.testkit.KafkaBrokerResource;
import io.tradingbot.kafka.testkit.ServiceContract;
import io.tradingbot.simulator.testkit.SimulatorResource;

/** The contract every service keeps, with a live market (the simulator's clock runs) feeding the service. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(SimulatorResource.class)
class MarketDataServiceTest extends ServiceContract {
}
