package io.tradingbot.account;

import io.quarkus.test.common.QuarkusTestResource;
import io.tradingbot.simulator.testkit.SimulatorResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradingbot.kafka.testkit.KafkaBrokerResource;
import io.tradingbot.kafka.testkit.ServiceContract;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = SimulatorResource.class,
        initArgs = @io.quarkus.test.common.ResourceArg(name = "sim.clock.speed", value = "0"))
class AccountServiceTest extends ServiceContract {
}
