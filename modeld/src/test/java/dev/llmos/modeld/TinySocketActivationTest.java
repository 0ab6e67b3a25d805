package dev.llmos.modeld;

class TinySocketActivationTest extends SocketActivationContract {
    @Override
    TestModel testModel() {
        return TestModels.tiny();
    }
}
