package io.tradingbot.account;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradingbot.account.flow.PaperAccountSimulator;
import io.tradingbot.kafka.testkit.KafkaBrokerResource;
import io.tradingbot.kafka.testkit.ServiceContract;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PaperAccountSimulator.class)
class AccountServiceTest extends ServiceContract {
}
